package org.omnistore.pos.sale;

/** Count and sums of journaled sales in one currency. */
public record SalesTotal(String currency, long saleCount, long totalMinor, long taxMinor) {
}
