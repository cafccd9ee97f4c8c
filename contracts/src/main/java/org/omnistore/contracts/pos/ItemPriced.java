package org.omnistore.contracts.pos;

/** The price of a scanned item as the store's catalog says, in minor units. */
public record ItemPriced(int schemaVersion, String requestId, String sku, String name, int quantity,
                         String currency, long unitPriceMinor, long lineTotalMinor) implements PosReply {
}
