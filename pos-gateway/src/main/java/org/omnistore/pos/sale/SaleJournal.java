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
        return Jdbc.query(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(FIND)) {
                return find(ps, terminalId, terminalTxId);
            }
        });
    }

    private static Optional<Journaled> find(PreparedStatement ps, String terminalId, String terminalTxId) throws SQLException {
        ps.setString(1, terminalId);
        ps.setString(2, terminalTxId);
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Journaled(Json.read(rs.getString(1), Sale.class), rs.getString(2)));
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
            List<Pending> fresh = new ArrayList<>(sales.size());
            try (PreparedStatement find = c.prepareStatement(FIND)) {
                for (Pending p : sales) {
                    String key = p.sale().terminalId() + "\u0000" + p.sale().terminalTxId();
                    Journaled earlier = inThisBatch.get(key);
                    Optional<Journaled> existing = earlier != null ? Optional.of(earlier)
                            : find(find, p.sale().terminalId(), p.sale().terminalTxId());
                    if (existing.isEmpty()) {
                        fresh.add(p);
                        inThisBatch.put(key, new Journaled(p.sale(), p.receiptText()));
                    }
                    out.add(existing);
                }
            }
            if (!fresh.isEmpty()) {
                long seq = outbox.appendAll(c, fresh.stream()
                        .map(p -> new Outbox.NewEvent(Sale.EVENT_TYPE, p.sale(), p.sale().completedAt())).toList());
                insertAll(c, fresh, seq);
            }
            return out;
        });
        outbox.signal();
        return results;
    }

    /** Inserts sales, their lines and tenders with one batched statement each; sale i gets outbox seq firstSeq + i. */
    private static void insertAll(Connection c, List<Pending> sales, long firstSeq) throws SQLException {
        try (PreparedStatement saleRow = c.prepareStatement(INSERT_SALE);
             PreparedStatement lineRow = c.prepareStatement(INSERT_LINE);
             PreparedStatement tenderRow = c.prepareStatement(INSERT_TENDER)) {
            long seq = firstSeq;
            for (Pending p : sales) {
                Sale sale = p.sale();
                saleRow.setString(1, sale.saleId());
                saleRow.setString(2, sale.terminalId());
                saleRow.setString(3, sale.terminalTxId());
                saleRow.setTimestamp(4, Timestamp.from(sale.completedAt()));
                saleRow.setString(5, sale.currency());
                saleRow.setLong(6, sale.totalMinor());
                saleRow.setLong(7, sale.taxMinor());
                saleRow.setLong(8, sale.changeMinor());
                saleRow.setLong(9, seq++);
                saleRow.setString(10, Json.toText(sale));
                saleRow.setString(11, p.receiptText());
                saleRow.addBatch();
                int n = 0;
                for (Sale.Line line : sale.lines()) {
                    lineRow.setString(1, sale.saleId());
                    lineRow.setInt(2, ++n);
                    lineRow.setString(3, line.sku());
                    lineRow.setInt(4, line.quantity());
                    lineRow.setLong(5, line.unitPriceMinor());
                    lineRow.setLong(6, line.lineTotalMinor());
                    lineRow.setInt(7, line.taxRateBasisPoints());
                    lineRow.setLong(8, line.taxMinor());
                    lineRow.addBatch();
                }
                n = 0;
                for (Sale.Tender tender : sale.tenders()) {
                    tenderRow.setString(1, sale.saleId());
                    tenderRow.setInt(2, ++n);
                    tenderRow.setString(3, tender.kind());
                    tenderRow.setLong(4, tender.amountMinor());
                    tenderRow.setString(5, tender.reference());
                    tenderRow.addBatch();
                }
            }
            saleRow.executeBatch();
            lineRow.executeBatch();
            tenderRow.executeBatch();
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
