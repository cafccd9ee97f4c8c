package org.omnistore.contracts.pos;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.omnistore.contracts.Versioned;

/** The gateway's answer on {@code omnistore/{store}/pos/{terminal}/reply}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ItemPriced.class, name = "item"),
        @JsonSubTypes.Type(value = SaleCompleted.class, name = "receipt"),
        @JsonSubTypes.Type(value = PosError.class, name = "error")
})
public sealed interface PosReply extends Versioned permits ItemPriced, SaleCompleted, PosError {

    /** The {@code requestId} of the command answered; {@code null} when the command was unreadable. */
    String requestId();
}
