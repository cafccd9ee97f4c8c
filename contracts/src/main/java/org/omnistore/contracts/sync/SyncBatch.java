package org.omnistore.contracts.sync;

import java.util.List;
import org.omnistore.contracts.Versioned;

/** A batch of a store's outbox events in sequence order, POSTed to HQ's ingest API. */
public record SyncBatch(int schemaVersion, String storeId, List<SyncEvent> events) implements Versioned {
}
