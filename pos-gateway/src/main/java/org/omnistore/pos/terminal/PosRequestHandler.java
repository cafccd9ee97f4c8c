package org.omnistore.pos.terminal;

import java.lang.System.Logger.Level;
import org.omnistore.contracts.Json;
import org.omnistore.contracts.PayloadException;
import org.omnistore.contracts.Versioned;
import org.omnistore.contracts.pos.CompleteSale;
import org.omnistore.contracts.pos.PosCommand;
import org.omnistore.contracts.pos.PosError;
import org.omnistore.contracts.pos.PosReply;
import org.omnistore.contracts.pos.ScanItem;
import org.omnistore.pos.PosException;
import org.omnistore.pos.sale.SaleService;

/**
 * Turns one terminal command into exactly one reply. Whatever arrives (garbage, a wrong schema
 * version, a failing database) the answer is a reply, never an exception that could stop the gateway.
 */
public final class PosRequestHandler {

    private static final System.Logger LOG = System.getLogger(PosRequestHandler.class.getName());

    private final String storeId;
    private final SaleService sales;

    public PosRequestHandler(String storeId, SaleService sales) {
        this.storeId = storeId;
        this.sales = sales;
    }

    /** Largest command accepted: a 1,000-line basket fits; a hostile multi-megabyte payload is not parsed. */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    public PosReply handle(String terminalId, byte[] payload) {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            LOG.log(Level.WARNING, "store=" + storeId + " terminal=" + terminalId + " sent " + payload.length
                    + " bytes; refused unread");
            return new PosError(Versioned.CURRENT, null, "too-large",
                    "a command is at most " + MAX_PAYLOAD_BYTES + " bytes, got " + payload.length);
        }
        PosCommand command;
        try {
            command = Json.read(payload, PosCommand.class);
        } catch (PayloadException e) {
            LOG.log(Level.WARNING, "store=" + storeId + " terminal=" + terminalId + " sent an unreadable command: "
                    + e.getMessage());
            return new PosError(Versioned.CURRENT, null, "malformed", e.getMessage());
        }
        try {
            return switch (command) {
                case ScanItem scan -> sales.scan(scan);
                case CompleteSale complete -> sales.complete(terminalId, complete);
            };
        } catch (PosException e) {
            return new PosError(Versioned.CURRENT, command.requestId(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "store=" + storeId + " terminal=" + terminalId + " request=" + command.requestId()
                    + " failed", e);
            return new PosError(Versioned.CURRENT, command.requestId(), "internal",
                    "the store could not process this request; retry it with the same terminalTxId");
        }
    }
}
