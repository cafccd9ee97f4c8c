package org.omnistore.cloud.sync;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.omnistore.cloud.db.Sql;
import org.omnistore.cloud.http.Problems;
import org.omnistore.cloud.http.Problems.ProblemException;
import org.omnistore.contracts.Ids;
import org.omnistore.contracts.Json;
import org.omnistore.contracts.Money;
import org.omnistore.contracts.PayloadException;
import org.omnistore.contracts.Versioned;
import org.omnistore.contracts.sale.Sale;
import org.omnistore.contracts.sync.SyncEvent;
import org.omnistore.sync.ingest.IngestLedger;

/**
 * The exactly-once ledger of {@code SyncIngest} over one PostgreSQL transaction: the caller opens
 * and commits it. The store's {@code sync_state} row lock orders concurrent batches of one store.
 */
final class PgIngestLedger implements IngestLedger {

    private static final System.Logger LOG = System.getLogger(PgIngestLedger.class.getName());

    private static final String ENSURE_STATE = """
            INSERT INTO sync_state (store_id) VALUES (?) ON CONFLICT (store_id) DO NOTHING""";
    private static final String LOCK_STATE = """
            SELECT applied_through FROM sync_state WHERE store_id = ? FOR UPDATE""";
    private static final String SET_STATE = """
            UPDATE sync_state SET applied_through = ?, updated_at = now() WHERE store_id = ?""";
    private static final String INSERT_EVENT = """
            INSERT INTO ingested_event (store_id, seq, type, occurred_at, payload) VALUES (?, ?, ?, ?, ?::jsonb)""";
    // ON CONFLICT: a sale already recorded under another seq is a store-side replay bug; refusing the
    // batch would stop that store's sync for good, so the first copy wins and the event stays raw
    private static final String INSERT_SALE = """
            INSERT INTO sale (store_id, sale_id, terminal_id, terminal_tx_id, seq, completed_at, currency,
                              total_minor, tax_minor, change_minor)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";
    private static final String INSERT_LINE = """
            INSERT INTO sale_line (store_id, sale_id, line_no, sku, name, quantity, unit_price_minor,
                                   line_total_minor, tax_rate_bp, tax_minor)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_TENDER = """
            INSERT INTO sale_tender (store_id, sale_id, tender_no, kind, amount_minor, reference)
            VALUES (?, ?, ?, ?, ?, ?)""";

    private final Connection c;

    PgIngestLedger(Connection c) {
        this.c = c;
    }

    @Override
    public long lockAppliedThrough(String storeId) {
        try {
            // the row must exist before FOR UPDATE can lock it; concurrent first batches meet on the insert
            try (PreparedStatement ps = c.prepareStatement(ENSURE_STATE)) {
                ps.setString(1, storeId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(LOCK_STATE)) {
                ps.setString(1, storeId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw Sql.unchecked(e);
        }
    }

    @Override
    public void apply(String storeId, SyncEvent event) {
        // decode first: an unreadable sale aborts the batch before any row is written
        Sale sale = Sale.EVENT_TYPE.equals(event.type()) ? readSale(storeId, event) : null;
        try {
            try (PreparedStatement ps = c.prepareStatement(INSERT_EVENT)) {
                ps.setString(1, storeId);
                ps.setLong(2, event.seq());
                ps.setString(3, event.type());
                ps.setTimestamp(4, Timestamp.from(event.occurredAt()));
                ps.setString(5, Json.toText(event.payload()));
                ps.executeUpdate();
            }
            if (sale != null) {
                insertSale(storeId, event.seq(), sale);
            }
            // other event types are kept raw in ingested_event until their features consume them
        } catch (SQLException e) {
            throw Sql.unchecked(e);
        }
    }

    /** Decodes and checks a sale; 422 naming the seq when it cannot be recorded. */
    private static Sale readSale(String storeId, SyncEvent event) {
        Sale sale;
        try {
            sale = Json.convert(event.payload(), Sale.class);
        } catch (PayloadException e) {
            throw unprocessable(event, e.getMessage());
        }
        if (sale.schemaVersion() != Versioned.CURRENT) {
            throw unprocessable(event, "unsupported sale schemaVersion " + sale.schemaVersion());
        }
        if (!storeId.equals(sale.storeId())) {
            throw unprocessable(event, "is a sale of store " + sale.storeId());
        }
        if (sale.saleId() == null || sale.saleId().isBlank() || !Ids.isValid(sale.terminalId())
                || sale.terminalTxId() == null || sale.terminalTxId().isBlank() || sale.completedAt() == null) {
            throw unprocessable(event, "sale needs saleId, terminalId, terminalTxId and completedAt");
        }
        try {
            Money.zero(sale.currency());
        } catch (RuntimeException e) {
            throw unprocessable(event, "sale currency must be an ISO 4217 code, got '" + sale.currency() + "'");
        }
        if (sale.lines() == null || sale.tenders() == null
                || sale.lines().stream().anyMatch(l -> l == null || l.sku() == null || l.name() == null)
                || sale.tenders().stream().anyMatch(t -> t == null || t.kind() == null)) {
            throw unprocessable(event, "sale lines need sku and name, tenders need a kind");
        }
        return sale;
    }

    private static ProblemException unprocessable(SyncEvent event, String why) {
        return new ProblemException(Problems.UNPROCESSABLE_422,
                "event seq " + event.seq() + " is not a recordable sale: " + why + "; nothing in the batch was applied");
    }

    private void insertSale(String storeId, long seq, Sale sale) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_SALE)) {
            ps.setString(1, storeId);
            ps.setString(2, sale.saleId());
            ps.setString(3, sale.terminalId());
            ps.setString(4, sale.terminalTxId());
            ps.setLong(5, seq);
            ps.setTimestamp(6, Timestamp.from(sale.completedAt()));
            ps.setString(7, sale.currency());
            ps.setLong(8, sale.totalMinor());
            ps.setLong(9, sale.taxMinor());
            ps.setLong(10, sale.changeMinor());
            if (ps.executeUpdate() == 0) {
                LOG.log(Level.WARNING, "store=" + storeId + " seq=" + seq + " sale=" + sale.saleId() + " terminal="
                        + sale.terminalId() + " tx=" + sale.terminalTxId()
                        + " was already recorded under an earlier seq; kept the first, this event stays raw only");
                return;
            }
        }
        if (!sale.lines().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(INSERT_LINE)) {
                int n = 0;
                for (Sale.Line l : sale.lines()) {
                    ps.setString(1, storeId);
                    ps.setString(2, sale.saleId());
                    ps.setInt(3, ++n);
                    ps.setString(4, l.sku());
                    ps.setString(5, l.name());
                    ps.setInt(6, l.quantity());
                    ps.setLong(7, l.unitPriceMinor());
                    ps.setLong(8, l.lineTotalMinor());
                    ps.setInt(9, l.taxRateBasisPoints());
                    ps.setLong(10, l.taxMinor());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!sale.tenders().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(INSERT_TENDER)) {
                int n = 0;
                for (Sale.Tender t : sale.tenders()) {
                    ps.setString(1, storeId);
                    ps.setString(2, sale.saleId());
                    ps.setInt(3, ++n);
                    ps.setString(4, t.kind());
                    ps.setLong(5, t.amountMinor());
                    ps.setString(6, t.reference()); // card tenders carry only the payment token reference
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    @Override
    public void setAppliedThrough(String storeId, long seq) {
        try (PreparedStatement ps = c.prepareStatement(SET_STATE)) {
            ps.setLong(1, seq);
            ps.setString(2, storeId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Sql.unchecked(e);
        }
    }
}
