package org.omnistore.contracts.pos;

import org.omnistore.contracts.sale.Sale;

/**
 * The receipt of a completed sale. {@code duplicate} is true when the terminal repeated a
 * {@code terminalTxId} the store had already recorded: the sale is the first one, unchanged.
 */
public record SaleCompleted(int schemaVersion, String requestId, boolean duplicate, Sale sale,
                            String receiptText) implements PosReply {
}
