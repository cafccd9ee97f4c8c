package org.omnistore.sync.ingest;

import org.omnistore.contracts.sync.SyncEvent;

/**
 * The cloud's side of one ingest transaction for one store. The cloud implements it over a single
 * database transaction: {@link #lockAppliedThrough} locks the store's sync row, so concurrent batches of
 * the same store apply one after the other; the caller commits after {@link SyncIngest#ingest} returns.
 */
public interface IngestLedger {

    /** Locks the store's sync state for this transaction and returns the highest sequence applied (0 if none). */
    long lockAppliedThrough(String storeId);

    /** Applies one event's business effect (e.g. records a sale). Throws to abort the whole batch. */
    void apply(String storeId, SyncEvent event);

    /** Records that every event up to {@code seq} is applied. */
    void setAppliedThrough(String storeId, long seq);
}
