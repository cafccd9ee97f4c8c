package org.omnistore.contracts.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One outbox event of a store. {@code seq} is the store's own sequence: dense, starting at 1,
 * assigned in the same transaction as the business change. HQ applies each (store, seq) once.
 */
public record SyncEvent(long seq, String type, Instant occurredAt, JsonNode payload) {
}
