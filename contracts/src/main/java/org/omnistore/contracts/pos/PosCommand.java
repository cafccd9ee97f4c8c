package org.omnistore.contracts.pos;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.omnistore.contracts.Versioned;

/**
 * A request from a POS terminal to the store's gateway, on {@code omnistore/{store}/pos/{terminal}/cmd}.
 * The gateway answers every command on the terminal's reply topic with the same {@code requestId}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ScanItem.class, name = "scan"),
        @JsonSubTypes.Type(value = CompleteSale.class, name = "complete")
})
public sealed interface PosCommand extends Versioned permits ScanItem, CompleteSale {

    /** Chosen by the terminal; echoed in the reply so the terminal can match it. */
    String requestId();
}
