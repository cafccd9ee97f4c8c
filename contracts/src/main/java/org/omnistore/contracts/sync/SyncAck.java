package org.omnistore.contracts.sync;

import org.omnistore.contracts.Versioned;

/**
 * HQ's answer to a batch. {@code appliedThrough} is the highest sequence such that every event up to
 * it has been applied: the store may purge up to it and must resend from {@code appliedThrough + 1}.
 * {@code gapFrom} is set when the batch skipped sequences HQ has not seen (the events after the gap
 * were not applied and must be resent after the missing ones).
 */
public record SyncAck(int schemaVersion, String storeId, long appliedThrough, int applied, int duplicates,
                      Long gapFrom) implements Versioned {
}
