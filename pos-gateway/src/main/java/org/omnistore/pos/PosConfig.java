package org.omnistore.pos;

import io.helidon.config.Config;
import org.omnistore.contracts.Ids;

/**
 * Limits of the POS gateway.
 *
 * @param storeId             the store this gateway serves
 * @param maxLinesPerSale     basket lines accepted in one sale
 * @param maxQuantityPerLine  quantity accepted on one line
 * @param maxTendersPerSale   tenders accepted in one sale
 * @param workers             concurrent requests in flight (virtual threads), bounding database load
 * @param journalBatchMax     most sales written in one journal transaction (and one fsync) in a rush
 */
public record PosConfig(String storeId, int maxLinesPerSale, int maxQuantityPerLine, int maxTendersPerSale,
                        int workers, int journalBatchMax) {

    public PosConfig {
        Ids.require("store id", storeId);
        requireRange("pos.max-lines-per-sale", maxLinesPerSale, 1, 1000);
        requireRange("pos.max-quantity-per-line", maxQuantityPerLine, 1, 100_000);
        requireRange("pos.max-tenders-per-sale", maxTendersPerSale, 1, 20);
        requireRange("pos.workers", workers, 1, 1024);
        requireRange("pos.journal-batch-max", journalBatchMax, 1, 1000);
    }

    public static PosConfig defaults(String storeId) {
        return new PosConfig(storeId, 200, 999, 10, 64, 64);
    }

    /** Reads the {@code pos} node; every key is optional. */
    public static PosConfig create(String storeId, Config pos) {
        PosConfig d = defaults(storeId);
        return new PosConfig(storeId,
                pos.get("max-lines-per-sale").asInt().orElse(d.maxLinesPerSale()),
                pos.get("max-quantity-per-line").asInt().orElse(d.maxQuantityPerLine()),
                pos.get("max-tenders-per-sale").asInt().orElse(d.maxTendersPerSale()),
                pos.get("workers").asInt().orElse(d.workers()),
                pos.get("journal-batch-max").asInt().orElse(d.journalBatchMax()));
    }

    private static void requireRange(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be " + min + ".." + max + ", got " + value);
        }
    }
}
