package org.omnistore.contracts.pos;

import java.util.List;

/**
 * Completes a sale: the basket's lines and the tenders that pay it. The gateway prices the basket
 * itself (the terminal's prices are never trusted). {@code terminalTxId} makes completion idempotent:
 * repeating it returns the first receipt and records nothing new.
 */
public record CompleteSale(int schemaVersion, String requestId, String terminalTxId,
                           List<LineRequest> lines, List<TenderRequest> tenders) implements PosCommand {

    /** One basket line: a scanned code and its quantity. */
    public record LineRequest(String code, int quantity) {
    }

    /**
     * A tender. Cash carries the amount handed over; card carries a payment token from the
     * terminal's card reader, never a card number.
     */
    public record TenderRequest(TenderKind kind, long amountMinor, String cardToken) {
    }
}
