package org.omnistore.sync.ingest;

import java.util.List;
import org.omnistore.contracts.Ids;
import org.omnistore.contracts.PayloadException;
import org.omnistore.contracts.Versioned;
import org.omnistore.contracts.sync.SyncAck;
import org.omnistore.contracts.sync.SyncBatch;
import org.omnistore.contracts.sync.SyncEvent;

/**
 * The cloud half of the sync protocol: applies a store's batch exactly once.
 *
 * <p>Each store's events carry a dense sequence (1, 2, 3, ...). An event at or below the store's
 * applied-through mark is a duplicate (a retry or replay) and is skipped; the next expected one is
 * applied and advances the mark in the same transaction; anything beyond is a gap: the rest of the
 * batch is not applied and the ack says where the gap starts, so the store resends from there.
 * Because the mark and the business effect commit together, a crash at any point leaves either both
 * or neither, and every (store, seq) takes effect once.
 */
public final class SyncIngest {

    /** Largest batch a store may send; bigger ones are refused before anything is applied. */
    public static final int MAX_EVENTS_PER_BATCH = 5_000;

    private SyncIngest() {
    }

    /**
     * Checks a batch before any database work.
     *
     * @throws PayloadException naming the first problem
     */
    public static void validate(SyncBatch batch) {
        if (batch.schemaVersion() != Versioned.CURRENT) {
            throw new PayloadException("unsupported schemaVersion " + batch.schemaVersion());
        }
        if (!Ids.isValid(batch.storeId())) {
            throw new PayloadException("storeId is missing or invalid");
        }
        List<SyncEvent> events = batch.events();
        if (events == null || events.isEmpty()) {
            throw new PayloadException("batch has no events");
        }
        if (events.size() > MAX_EVENTS_PER_BATCH) {
            throw new PayloadException("batch has " + events.size() + " events; at most " + MAX_EVENTS_PER_BATCH);
        }
        long previous = 0;
        for (SyncEvent e : events) {
            if (e == null || e.seq() < 1 || e.type() == null || e.type().isBlank() || e.payload() == null) {
                throw new PayloadException("every event needs seq >= 1, a type and a payload");
            }
            if (e.seq() <= previous) {
                throw new PayloadException("events must be in strictly increasing seq order (seq " + e.seq()
                        + " after " + previous + ")");
            }
            previous = e.seq();
        }
    }

    /** Applies a validated batch through the ledger and returns the ack to send to the store. */
    public static SyncAck ingest(SyncBatch batch, IngestLedger ledger) {
        validate(batch);
        String store = batch.storeId();
        long appliedThrough = ledger.lockAppliedThrough(store);
        int applied = 0;
        int duplicates = 0;
        Long gapFrom = null;
        for (SyncEvent event : batch.events()) {
            if (event.seq() <= appliedThrough) {
                duplicates++;
            } else if (event.seq() == appliedThrough + 1) {
                ledger.apply(store, event);
                appliedThrough = event.seq();
                applied++;
            } else {
                gapFrom = appliedThrough + 1;
                break;
            }
        }
        if (applied > 0) {
            ledger.setAppliedThrough(store, appliedThrough);
        }
        return new SyncAck(Versioned.CURRENT, store, appliedThrough, applied, duplicates, gapFrom);
    }
}
