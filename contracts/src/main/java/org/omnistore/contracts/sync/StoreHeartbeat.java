package org.omnistore.contracts.sync;

import java.time.Instant;
import org.omnistore.contracts.Versioned;

/**
 * A store's periodic report of its own health to HQ ({@code POST /api/v1/stores/{store}/heartbeat}),
 * sent whether or not there are sales to sync, so HQ sees an idle store as alive and a backed-up
 * outbox before its events arrive.
 *
 * @param outboxDepth        events HQ has not acknowledged yet
 * @param oldestPendingAgeMs age of the oldest of them, null when none
 * @param syncFailures       failed sync attempts since the store started
 * @param terminalsOnline    terminals whose last status is online
 */
public record StoreHeartbeat(int schemaVersion, String storeId, Instant at, long lastSeq, long ackedThrough,
                             long outboxDepth, Long oldestPendingAgeMs, long syncFailures, long catalogVersion,
                             int terminalsOnline) implements Versioned {
}
