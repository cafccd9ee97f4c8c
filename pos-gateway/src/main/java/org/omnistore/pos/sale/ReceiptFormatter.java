package org.omnistore.pos.sale;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.omnistore.contracts.Money;
import org.omnistore.contracts.sale.Sale;

/** Plain-text receipt for the terminal's printer, 40 columns. */
final class ReceiptFormatter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneId.of("UTC"));
    private static final int WIDTH = 40;

    private ReceiptFormatter() {
    }

    static String format(Sale sale) {
        StringBuilder sb = new StringBuilder(512);
        sb.append("Store ").append(sale.storeId()).append("  Till ").append(sale.terminalId()).append('\n');
        sb.append(TIME.format(sale.completedAt())).append('\n');
        sb.append("Tx ").append(sale.terminalTxId()).append('\n');
        sb.append("-".repeat(WIDTH)).append('\n');
        for (Sale.Line line : sale.lines()) {
            String left = line.quantity() + " x " + line.name();
            row(sb, left, amount(sale, line.lineTotalMinor()));
        }
        sb.append("-".repeat(WIDTH)).append('\n');
        row(sb, "TOTAL", Money.of(sale.currency(), sale.totalMinor()).format());
        row(sb, "incl. tax", amount(sale, sale.taxMinor()));
        for (Sale.Tender t : sale.tenders()) {
            // cards print as the kind only: the token is a reference for the provider, not for people
            row(sb, t.kind(), amount(sale, t.amountMinor()));
        }
        if (sale.changeMinor() > 0) {
            row(sb, "CHANGE", amount(sale, sale.changeMinor()));
        }
        sb.append("Sale ").append(sale.saleId()).append('\n');
        return sb.toString();
    }

    private static String amount(Sale sale, long minor) {
        String formatted = Money.of(sale.currency(), minor).format();
        return formatted.substring(formatted.indexOf(' ') + 1);
    }

    private static void row(StringBuilder sb, String left, String right) {
        int room = WIDTH - right.length() - 1;
        String l = left.length() > room ? left.substring(0, room) : left;
        sb.append(l).append(" ".repeat(WIDTH - l.length() - right.length())).append(right).append('\n');
    }
}
