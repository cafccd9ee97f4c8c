package org.omnistore.contracts.pos;

/** How a sale is paid. More kinds (QR wallet, points) come with the POS issue. */
public enum TenderKind {
    CASH, CARD
}
