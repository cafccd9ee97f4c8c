package org.omnistore.contracts.sale;

import java.time.Instant;
import java.util.List;
import org.omnistore.contracts.Versioned;

/**
 * A completed store sale as journaled by the gateway and synced to HQ (event type {@code sale}).
 * Amounts are minor units of {@code currency}; prices include tax (VAT-style), {@code taxMinor}
 * is the tax contained in {@code totalMinor}.
 */
public record Sale(int schemaVersion, String storeId, String saleId, String terminalId, String terminalTxId,
                   Instant completedAt, String currency, List<Line> lines, long totalMinor, long taxMinor,
                   List<Tender> tenders, long changeMinor) implements Versioned {

    public static final String EVENT_TYPE = "sale";

    public record Line(String sku, String name, int quantity, long unitPriceMinor, long lineTotalMinor,
                       int taxRateBasisPoints, long taxMinor) {
    }

    /** A tender as recorded: for cards only the token reference, never a card number. */
    public record Tender(String kind, long amountMinor, String reference) {
    }
}
