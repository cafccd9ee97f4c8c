package org.omnistore.cloud.sync;

import io.helidon.http.Status;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.omnistore.cloud.http.Problems.ProblemException;
import org.omnistore.contracts.Json;
import org.omnistore.contracts.PayloadException;
import org.omnistore.contracts.sale.Sale;
import org.omnistore.contracts.sync.SyncEvent;
import org.omnistore.sync.ingest.IngestLedger;

/** The exactly-once ledger over one PostgreSQL transaction (see {@code SyncIngest}). */
final class PgIngestLedger implements IngestLedger {

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
    private static final String INSERT_LINE = """
            INSERT INTO sale_line (store_id, sale_id, line_no, sku, name, quantity, unit_price_minor,
                                   line_total_minor, tax_rate_bp, tax_minor)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_TENDER = """
            INSERT INTO sale_tender (store_id, sale_id, tender_no, kind, amount_minor, reference)
            VALUES (?, ?, ?, ?, ?, ?)""";

    private final Connection c;
    int salesApplied;

    PgIngestLedger(Connection c) {
        this.c = c;
    }

    @Override
    public long lockAppliedThrough(String storeId) {
        try {
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
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void apply(String storeId, SyncEvent event) {
        try {
            try (PreparedStatement ps = c.prepareStatement(INSERT_EVENT)) {
                ps.setString(1, storeId);
                ps.setLong(2, event.seq());
                ps.setString(3, event.type());
                ps.setTimestamp(4, Timestamp.from(event.occurredAt()));
                ps.setString(5, Json.toText(event.payload()));
                ps.executeUpdate();
            }
            if (Sale.EVENT_TYPE.equals(event.type())) {
                insertSale(storeId, event);
            }
            // other event types are kept raw in ingested_event until their features consume them
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void insertSale(String storeId, SyncEvent event) throws SQLException {
        Sale sale;
        try {
            sale = Json.convert(event.payload(), Sale.class);
        } catch (PayloadException e) {
            throw new ProblemException(Status.create(422, "Unprocessable Content"),
                    "event seq " + event.seq() + " is not a readable sale: " + e.getMessage());
        }
        if (!storeId.equals(sale.storeId()) || sale.lines() == null || sale.tenders() == null) {
            throw new ProblemException(Status.create(422, "Unprocessable Content"),
                    "event seq " + event.seq() + " is a sale of another store or has no lines/tenders");
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_SALE)) {
            ps.setString(1, storeId);
            ps.setString(2, sale.saleId());
            ps.setString(3, sale.terminalId());
            ps.setString(4, sale.terminalTxId());
            ps.setLong(5, event.seq());
            ps.setTimestamp(6, Timestamp.from(sale.completedAt()));
            ps.setString(7, sale.currency());
            ps.setLong(8, sale.totalMinor());
            ps.setLong(9, sale.taxMinor());
            ps.setLong(10, sale.changeMinor());
            ps.executeUpdate();
        }
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
        try (PreparedStatement ps = c.prepareStatement(INSERT_TENDER)) {
            int n = 0;
            for (Sale.Tender t : sale.tenders()) {
                ps.setString(1, storeId);
                ps.setString(2, sale.saleId());
                ps.setInt(3, ++n);
                ps.setString(4, t.kind());
                ps.setLong(5, t.amountMinor());
                ps.setString(6, t.reference());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        salesApplied++;
    }

    @Override
    public void setAppliedThrough(String storeId, long seq) {
        try (PreparedStatement ps = c.prepareStatement(SET_STATE)) {
            ps.setLong(1, seq);
            ps.setString(2, storeId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
