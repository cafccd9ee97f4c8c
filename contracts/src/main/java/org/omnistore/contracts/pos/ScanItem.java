package org.omnistore.contracts.pos;

/** Price lookup of one scanned code (barcode or SKU) and quantity; answered with {@link ItemPriced}. */
public record ScanItem(int schemaVersion, String requestId, String code, int quantity) implements PosCommand {
}
