package org.omnistore.sync.edge;

import io.helidon.config.Config;
import java.time.Duration;
import org.omnistore.contracts.Ids;

/**
 * How a store's edge talks to HQ.
 *
 * @param storeId         this store's id
 * @param cloudUrl        HQ base URL, e.g. {@code https://hq.example.com}
 * @param storeToken      this store's credential, issued by HQ
 * @param batchSize       events per batch (1..5000)
 * @param idlePoll        how long the agent sleeps when the outbox is empty and nothing signals it
 * @param maxBackoff      longest wait between retries while HQ is unreachable
 * @param requestTimeout  HTTP connect and request timeout
 * @param catalogRefresh  how often the catalog is pulled again after the first success
 * @param heartbeat       how often the store reports its health to HQ
 */
public record SyncConfig(String storeId, String cloudUrl, String storeToken, int batchSize, Duration idlePoll,
                         Duration maxBackoff, Duration requestTimeout, Duration catalogRefresh, Duration heartbeat) {

    public SyncConfig {
        Ids.require("store id", storeId);
        if (cloudUrl == null || !(cloudUrl.startsWith("http://") || cloudUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("sync.cloud-url must be an http(s) URL, got '" + cloudUrl + "'");
        }
        cloudUrl = cloudUrl.endsWith("/") ? cloudUrl.substring(0, cloudUrl.length() - 1) : cloudUrl;
        if (storeToken == null || storeToken.length() < 16) {
            throw new IllegalArgumentException("sync.store-token must be set (at least 16 characters)");
        }
        if (batchSize < 1 || batchSize > 5000) {
            throw new IllegalArgumentException("sync.batch-size must be 1..5000, got " + batchSize);
        }
        requirePositive("sync.idle-poll", idlePoll);
        requirePositive("sync.max-backoff", maxBackoff);
        requirePositive("sync.request-timeout", requestTimeout);
        requirePositive("sync.catalog-refresh", catalogRefresh);
        requirePositive("sync.heartbeat", heartbeat);
    }

    /** Reads the {@code sync} node: {@code cloud-url}, {@code store-token}, {@code batch-size}, ... */
    public static SyncConfig create(String storeId, Config sync) {
        return new SyncConfig(storeId,
                sync.get("cloud-url").asString().orElse("http://127.0.0.1:8080"),
                sync.get("store-token").asString().orElse(null),
                sync.get("batch-size").asInt().orElse(500),
                sync.get("idle-poll").as(Duration.class).orElse(Duration.ofSeconds(1)),
                sync.get("max-backoff").as(Duration.class).orElse(Duration.ofSeconds(15)),
                sync.get("request-timeout").as(Duration.class).orElse(Duration.ofSeconds(10)),
                sync.get("catalog-refresh").as(Duration.class).orElse(Duration.ofSeconds(60)),
                sync.get("heartbeat").as(Duration.class).orElse(Duration.ofSeconds(15)));
    }

    private static void requirePositive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration");
        }
    }
}
