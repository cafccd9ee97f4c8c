package org.omnistore.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnistore.cloud.CloudConfig;
import org.omnistore.cloud.CloudPlatform;
import org.omnistore.contracts.Json;
import org.omnistore.pos.PosConfig;
import org.omnistore.sim.pos.Shelf;
import org.omnistore.sim.pos.SimTerminal;
import org.omnistore.sim.pos.TerminalStats;
import org.omnistore.store.StoreConfig;
import org.omnistore.store.StoreEdge;
import org.omnistore.store.broker.BrokerConfig;
import org.omnistore.sync.edge.SyncConfig;

/**
 * The first real path end to end: simulated tills sell over MQTT to a store edge, which syncs to HQ on
 * embedded PostgreSQL. Then HQ goes down, the store restarts while HQ is down and keeps selling from its
 * cached catalog, HQ comes back, and the outbox drains: HQ ends with exactly what the tills were sold.
 */
class StoreToHqIT {

    private static final String ADMIN = "admin-token-0123456789abcdef";
    private static final String STORE_TOKEN = "store-token-0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static JsonNode get(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + " " + r.body()).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }

    private static JsonNode hqStore(CloudPlatform cloud) throws Exception {
        return get(cloud.baseUri() + "/api/v1/sales/summary", ADMIN).path("stores").get(0);
    }

    private static void sell(String brokerUrl, TerminalStats stats, Shelf shelf, int tills, int basketsEach)
            throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int t = 1; t <= tills; t++) {
            SimTerminal till = new SimTerminal(brokerUrl, "e2e", "till-" + t, stats, Duration.ofSeconds(5)).connect();
            threads.add(Thread.ofVirtual().start(() -> {
                try (till) {
                    for (int i = 0; i < basketsEach; i++) {
                        till.sellOneBasket(shelf, 4, 3, i % 2 == 0);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    @Test
    void salesReachHqExactlyOnceThroughAnHqOutageAndAStoreRestart() throws Exception {
        Path dir = Files.createTempDirectory("e2e");
        int hqPort = freePort();
        CloudConfig hqConfig = new CloudConfig("127.0.0.1", hqPort, "", "postgres", "", 4, dir.resolve("hq-pg"), 0,
                ADMIN, List.of(new CloudConfig.StoreSeed("e2e", "E2E store", "EUR", STORE_TOKEN)), true);
        int brokerPort = freePort();
        StoreConfig storeConfig = new StoreConfig("e2e", dir.resolve("store"), "fsync", "127.0.0.1", 0,
                new BrokerConfig(true, "127.0.0.1", brokerPort, null, dir.resolve("store/broker")),
                new SyncConfig("e2e", "http://127.0.0.1:" + hqPort, STORE_TOKEN, 50, Duration.ofMillis(200),
                        Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMillis(500)),
                PosConfig.defaults("e2e"));
        String brokerUrl = "tcp://127.0.0.1:" + brokerPort;
        TerminalStats stats = new TerminalStats();

        CloudPlatform firstHq = CloudPlatform.create(hqConfig).start();
        CloudPlatform hq = firstHq;
        StoreEdge store = StoreEdge.create(storeConfig).start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> store.gateway().catalogVersion() > 0);
            Shelf shelf = Shelf.fromCatalog(Json.toTree(store.gateway().catalog()));
            assertThat(hqStore(firstHq).path("catalogVersionPulled").asLong()).isEqualTo(store.gateway().catalogVersion());

            sell(brokerUrl, stats, shelf, 3, 10);
            long firstRound = stats.confirmed();
            assertThat(firstRound).isEqualTo(30);
            await().atMost(Duration.ofSeconds(30)).until(() -> hqStore(firstHq).path("saleCount").asLong() == firstRound);

            // HQ goes down; the store restarts while it is down, and sells from its cached catalog
            hq.close();
            store.close();
            StoreEdge restarted = StoreEdge.create(storeConfig).start();
            try {
                assertThat(restarted.gateway().catalogVersion()).isPositive();
                sell(brokerUrl, stats, shelf, 2, 10);
                assertThat(stats.confirmed()).isEqualTo(50);
                assertThat(restarted.syncAgent().status().depth()).isEqualTo(20);
                assertThat(restarted.syncAgent().status().failures()).isPositive();

                // HQ comes back on the same data; the outbox drains and nothing is doubled
                hq = CloudPlatform.create(hqConfig).start();
                await().atMost(Duration.ofSeconds(30)).until(() -> restarted.syncAgent().status().depth() == 0);
                CloudPlatform finalHq = hq;
                await().atMost(Duration.ofSeconds(10)).until(() -> hqStore(finalHq).path("saleCount").asLong() == 50);
                JsonNode summary = hqStore(hq);
                assertThat(summary.path("lastSequenceApplied").asLong()).isEqualTo(50);
                assertThat(summary.path("revenue").get(0).path("totalMinor").asLong())
                        .isEqualTo(stats.revenue("e2e").get("EUR"));
                assertThat(get(restarted.baseUri() + "/api/v1/sales/summary", null).path("saleCount").asLong()).isEqualTo(50);
                // the store's heartbeat tells HQ it is online, drained and caught up
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    JsonNode s = get(finalHq.baseUri() + "/api/v1/stores", ADMIN).path("stores").get(0);
                    return s.path("online").asBoolean() && s.path("outboxDepth").asLong(-1) == 0 && s.path("lag").asLong(-1) == 0;
                });
            } finally {
                restarted.close();
            }
        } finally {
            store.close();
            hq.close();
        }
    }

    @Test
    void aStoreWhoseDatabaseWasReplacedDoesNotLetHqSwallowItsNewSales() throws Exception {
        Path dir = Files.createTempDirectory("e2e-replaced");
        CloudConfig hqConfig = new CloudConfig("127.0.0.1", 0, "", "postgres", "", 4, dir.resolve("hq-pg"), 0,
                ADMIN, List.of(new CloudConfig.StoreSeed("e2e", "E2E store", "EUR", STORE_TOKEN)), true);
        try (CloudPlatform hq = CloudPlatform.create(hqConfig).start()) {
            TerminalStats stats = new TerminalStats();
            int brokerPort = freePort();
            java.util.function.Function<Path, StoreConfig> storeAt = data -> new StoreConfig("e2e", data, "write",
                    "127.0.0.1", 0, new BrokerConfig(true, "127.0.0.1", brokerPort, null, data.resolve("broker")),
                    new SyncConfig("e2e", hq.baseUri(), STORE_TOKEN, 50, Duration.ofMillis(200), Duration.ofMillis(500),
                            Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMillis(500)),
                    PosConfig.defaults("e2e"));
            try (StoreEdge original = StoreEdge.create(storeAt.apply(dir.resolve("store-a"))).start()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> original.gateway().catalogVersion() > 0);
                sell("tcp://127.0.0.1:" + brokerPort, stats, Shelf.fromCatalog(Json.toTree(original.gateway().catalog())), 1, 5);
                await().atMost(Duration.ofSeconds(30)).until(() -> original.syncAgent().status().depth() == 0);
            }
            // the store comes back on an empty database (a disk replaced, an old backup restored)
            try (StoreEdge replaced = StoreEdge.create(storeAt.apply(dir.resolve("store-b"))).start()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> replaced.gateway().catalogVersion() > 0);
                sell("tcp://127.0.0.1:" + brokerPort, stats, Shelf.fromCatalog(Json.toTree(replaced.gateway().catalog())), 1, 2);
                await().atMost(Duration.ofSeconds(10)).until(() -> replaced.syncAgent().status().lastError() != null);
                assertThat(replaced.syncAgent().status().lastError()).contains("restored or replaced");
                // its two new sales are kept for a person to reconcile, not purged as "duplicates"
                assertThat(replaced.syncAgent().status().depth()).isEqualTo(2);
                assertThat(hqStore(hq).path("saleCount").asLong()).isEqualTo(5);
            }
        }
    }
}
