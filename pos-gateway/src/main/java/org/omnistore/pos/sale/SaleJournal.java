package org.omnistore.pos.sale;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.omnistore.contracts.Json;
import org.omnistore.contracts.sale.Sale;
import org.omnistore.sync.Jdbc;
import org.omnistore.sync.outbox.Outbox;

/**
 * The sale journal in the store's H2 database. A sale, its lines, its tenders and its outbox event are
 * written in one transaction: after a crash either all of them exist or none.
 */
final class SaleJournal {

    private static final String FIND = """
            SELECT sale_json, receipt_text FROM pos_sale WHERE terminal_id = ? AND terminal_tx_id = ?""";
    private static final String INSERT_SALE = """
            INSERT INTO pos_sale (sale_id, terminal_id, terminal_tx_id, completed_at, currency, total_minor,
                                  tax_minor, change_minor, outbox_seq, sale_json, receipt_text)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_LINE = """
            INSERT INTO pos_sale_line (sale_id, line_no, sku, quantity, unit_price_minor, line_total_minor,
                                       tax_rate_bp, tax_minor)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_TENDER = """
            INSERT INTO pos_sale_tender (sale_id, tender_no, kind, amount_minor, reference) VALUES (?, ?, ?, ?, ?)""";
    private static final String SUMMARY = """
            SELECT currency, COUNT(*), SUM(total_minor), SUM(tax_minor) FROM pos_sale GROUP BY currency ORDER BY currency""";

    private final DataSource dataSource;
    private final Outbox outbox;

    SaleJournal(DataSource dataSource, Outbox outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    /** A journaled sale with its receipt text. */
    record Journaled(Sale sale, String receiptText) {
    }

    Optional<Journaled> find(String terminalId, String terminalTxId) {
        return Jdbc.query(dataSource, c -> find(c, terminalId, terminalTxId));
    }

    private static Optional<Journaled> find(Connection c, String terminalId, String terminalTxId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, terminalId);
            ps.setString(2, terminalTxId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Journaled(Json.read(rs.getString(1), Sale.class), rs.getString(2)));
            }
        }
    }

    /** A sale to journal, with its receipt. */
    record Pending(Sale sale, String receiptText) {
    }

    /**
     * Writes several sales, each with its outbox event, in one transaction (the caller is the only
     * writer, so checking for an earlier sale under the same terminal transaction id cannot race).
     *
     * @return per sale, in order: empty if it was recorded, or the sale already journaled under the same
     *         terminal transaction id (a repeated completion, possibly within the same batch)
     */
    List<Optional<Journaled>> recordAll(List<Pending> sales) {
        List<Optional<Journaled>> results = Jdbc.inTransaction(dataSource, c -> {
            List<Optional<Journaled>> out = new ArrayList<>(sales.size());
            Map<String, Journaled> inThisBatch = new HashMap<>();
            for (Pending p : sales) {
                String key = p.sale().terminalId() + "\u0000" + p.sale().terminalTxId();
                Journaled earlier = inThisBatch.get(key);
                Optional<Journaled> existing = earlier != null ? Optional.of(earlier)
                        : find(c, p.sale().terminalId(), p.sale().terminalTxId());
                if (existing.isEmpty()) {
                    long seq = outbox.append(c, Sale.EVENT_TYPE, p.sale(), p.sale().completedAt());
                    insert(c, p.sale(), p.receiptText(), seq);
                    inThisBatch.put(key, new Journaled(p.sale(), p.receiptText()));
                }
                out.add(existing);
            }
            return out;
        });
        outbox.signal();
        return results;
    }

    private static void insert(Connection c, Sale sale, String receiptText, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_SALE)) {
            ps.setString(1, sale.saleId());
            ps.setString(2, sale.terminalId());
            ps.setString(3, sale.terminalTxId());
            ps.setTimestamp(4, Timestamp.from(sale.completedAt()));
            ps.setString(5, sale.currency());
            ps.setLong(6, sale.totalMinor());
            ps.setLong(7, sale.taxMinor());
            ps.setLong(8, sale.changeMinor());
            ps.setLong(9, seq);
            ps.setString(10, Json.toText(sale));
            ps.setString(11, receiptText);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_LINE)) {
            int n = 0;
            for (Sale.Line line : sale.lines()) {
                ps.setString(1, sale.saleId());
                ps.setInt(2, ++n);
                ps.setString(3, line.sku());
                ps.setInt(4, line.quantity());
                ps.setLong(5, line.unitPriceMinor());
                ps.setLong(6, line.lineTotalMinor());
                ps.setInt(7, line.taxRateBasisPoints());
                ps.setLong(8, line.taxMinor());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_TENDER)) {
            int n = 0;
            for (Sale.Tender tender : sale.tenders()) {
                ps.setString(1, sale.saleId());
                ps.setInt(2, ++n);
                ps.setString(3, tender.kind());
                ps.setLong(4, tender.amountMinor());
                ps.setString(5, tender.reference());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Sales recorded in this store's journal, per currency. */
    List<SalesTotal> totals() {
        return Jdbc.query(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(SUMMARY); ResultSet rs = ps.executeQuery()) {
                List<SalesTotal> totals = new ArrayList<>();
                while (rs.next()) {
                    totals.add(new SalesTotal(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                }
                return totals;
            }
        });
    }
}
