package org.omnistore.cloud.sync;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
    private static final String INSERT_SALE = """
            INSERT INTO sale (store_id, sale_id, terminal_id, terminal_tx_id, seq, completed_at, currency,
                              total_minor, tax_minor, change_minor)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String EXISTING_SALES = """
            SELECT sale_id, terminal_id, terminal_tx_id FROM sale
            WHERE store_id = ? AND (sale_id = ANY (?) OR terminal_tx_id = ANY (?))""";
    private static final String INSERT_LINE = """
            INSERT INTO sale_line (store_id, sale_id, line_no, sku, name, quantity, unit_price_minor,
                                   line_total_minor, tax_rate_bp, tax_minor)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_TENDER = """
            INSERT INTO sale_tender (store_id, sale_id, tender_no, kind, amount_minor, reference)
            VALUES (?, ?, ?, ?, ?, ?)""";

    private final Connection c;
    private final List<Applied> pending = new ArrayList<>();

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
        pending.add(new Applied(event, sale));
    }

    /** An event accepted by {@code SyncIngest}, written in bulk when the batch's mark is set. */
    private record Applied(SyncEvent event, Sale sale) {
    }

    /**
     * Writes every applied event of the batch with one batched statement per table (the JDBC URL has
     * {@code reWriteBatchedInserts}, so these become multi-row INSERTs): a round trip per table rather
     * than four per sale.
     */
    private void flush(String storeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_EVENT)) {
            for (Applied a : pending) {
                ps.setString(1, storeId);
                ps.setLong(2, a.event().seq());
                ps.setString(3, a.event().type());
                ps.setTimestamp(4, Timestamp.from(a.event().occurredAt()));
                ps.setString(5, Json.toText(a.event().payload()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        List<Applied> sales = newSales(storeId);
        try (PreparedStatement sale = c.prepareStatement(INSERT_SALE);
             PreparedStatement line = c.prepareStatement(INSERT_LINE);
             PreparedStatement tender = c.prepareStatement(INSERT_TENDER)) {
            for (Applied a : sales) {
                addSale(sale, line, tender, storeId, a.event().seq(), a.sale());
            }
            sale.executeBatch();
            line.executeBatch();
            tender.executeBatch();
        }
        pending.clear();
    }

    /**
     * The batch's sales that are not recorded yet. A sale already recorded under an earlier seq (or twice in
     * this batch) is a store-side replay bug; refusing the batch would stop that store's sync for good, so
     * the first copy wins and the later event stays raw only.
     */
    private List<Applied> newSales(String storeId) throws SQLException {
        List<Applied> sales = pending.stream().filter(a -> a.sale() != null).toList();
        if (sales.isEmpty()) {
            return sales;
        }
        Set<String> known = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(EXISTING_SALES)) {
            ps.setString(1, storeId);
            ps.setArray(2, c.createArrayOf("text", sales.stream().map(a -> a.sale().saleId()).toArray()));
            ps.setArray(3, c.createArrayOf("text", sales.stream().map(a -> a.sale().terminalTxId()).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    known.add("id:" + rs.getString(1));
                    known.add("tx:" + rs.getString(2) + "\u0000" + rs.getString(3));
                }
            }
        }
        List<Applied> fresh = new ArrayList<>(sales.size());
        for (Applied a : sales) {
            Sale s = a.sale();
            String id = "id:" + s.saleId();
            String tx = "tx:" + s.terminalId() + "\u0000" + s.terminalTxId();
            if (known.contains(id) || known.contains(tx)) {
                LOG.log(Level.WARNING, "store=" + storeId + " seq=" + a.event().seq() + " sale=" + s.saleId()
                        + " terminal=" + s.terminalId() + " tx=" + s.terminalTxId()
                        + " was already recorded under an earlier seq; kept the first, this event stays raw only");
                continue;
            }
            known.add(id);
            known.add(tx);
            fresh.add(a);
        }
        return fresh;
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

    private static void addSale(PreparedStatement saleRow, PreparedStatement lineRow, PreparedStatement tenderRow,
                                String storeId, long seq, Sale sale) throws SQLException {
        saleRow.setString(1, storeId);
        saleRow.setString(2, sale.saleId());
        saleRow.setString(3, sale.terminalId());
        saleRow.setString(4, sale.terminalTxId());
        saleRow.setLong(5, seq);
        saleRow.setTimestamp(6, Timestamp.from(sale.completedAt()));
        saleRow.setString(7, sale.currency());
        saleRow.setLong(8, sale.totalMinor());
        saleRow.setLong(9, sale.taxMinor());
        saleRow.setLong(10, sale.changeMinor());
        saleRow.addBatch();
        int n = 0;
        for (Sale.Line l : sale.lines()) {
            lineRow.setString(1, storeId);
            lineRow.setString(2, sale.saleId());
            lineRow.setInt(3, ++n);
            lineRow.setString(4, l.sku());
            lineRow.setString(5, l.name());
            lineRow.setInt(6, l.quantity());
            lineRow.setLong(7, l.unitPriceMinor());
            lineRow.setLong(8, l.lineTotalMinor());
            lineRow.setInt(9, l.taxRateBasisPoints());
            lineRow.setLong(10, l.taxMinor());
            lineRow.addBatch();
        }
        n = 0;
        for (Sale.Tender t : sale.tenders()) {
            tenderRow.setString(1, storeId);
            tenderRow.setString(2, sale.saleId());
            tenderRow.setInt(3, ++n);
            tenderRow.setString(4, t.kind());
            tenderRow.setLong(5, t.amountMinor());
            tenderRow.setString(6, t.reference()); // card tenders carry only the payment token reference
            tenderRow.addBatch();
        }
    }

    @Override
    public void setAppliedThrough(String storeId, long seq) {
        try {
            flush(storeId);
        } catch (SQLException e) {
            throw Sql.unchecked(e);
        }
        try (PreparedStatement ps = c.prepareStatement(SET_STATE)) {
            ps.setLong(1, seq);
            ps.setString(2, storeId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Sql.unchecked(e);
        }
    }
}
