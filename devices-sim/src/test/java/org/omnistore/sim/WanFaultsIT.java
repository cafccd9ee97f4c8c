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
import org.omnistore.sim.FaultyProxy.Fault;
import org.omnistore.sim.pos.Shelf;
import org.omnistore.sim.pos.SimTerminal;
import org.omnistore.sim.pos.TerminalStats;
import org.omnistore.store.StoreConfig;
import org.omnistore.store.StoreEdge;
import org.omnistore.store.broker.BrokerConfig;
import org.omnistore.sync.edge.SyncConfig;

/**
 * Exactly-once through a bad WAN: every request from the store to HQ crosses {@link FaultyProxy}, which
 * fails, loses replies, duplicates, replays earlier batches and delays. Afterwards HQ's ledger must equal
 * the store's and the tills': same count, same revenue, same last sequence.
 */
class WanFaultsIT {

    private static final String ADMIN = "admin-token-0123456789abcdef";
    private static final String TOKEN = "wan-store-token-0123456789";
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
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }

    @Test
    void hqLedgerEqualsTheStoresThroughDropsLostRepliesDuplicatesAndReplays() throws Exception {
        Path dir = Files.createTempDirectory("wan-faults");
        CloudConfig hqConfig = new CloudConfig("127.0.0.1", 0, "", "postgres", "", 4, dir.resolve("hq-pg"), 0, ADMIN,
                List.of(new CloudConfig.StoreSeed("wan", "WAN store", "EUR", TOKEN)), true);
        int brokerPort = freePort();
        TerminalStats stats = new TerminalStats();
        try (CloudPlatform hq = CloudPlatform.create(hqConfig).start();
             FaultyProxy wan = new FaultyProxy(hq.baseUri(), 42)) {
            // small batches so that many batches cross the faulty WAN
            StoreConfig storeConfig = new StoreConfig("wan", dir.resolve("store"), "write", "127.0.0.1", 0,
                    new BrokerConfig(true, "127.0.0.1", brokerPort, null, dir.resolve("store/broker")),
                    new SyncConfig("wan", wan.url(), TOKEN, 5, Duration.ofMillis(50), Duration.ofMillis(200),
                            Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(1)),
                    PosConfig.defaults("wan"));
            try (StoreEdge store = StoreEdge.create(storeConfig).start()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> store.gateway().catalogVersion() > 0);
                Shelf shelf = Shelf.fromCatalog(Json.toTree(store.gateway().catalog()));
                List<Thread> tills = new ArrayList<>();
                for (int t = 1; t <= 4; t++) {
                    SimTerminal till = new SimTerminal("tcp://127.0.0.1:" + brokerPort, "wan", "till-" + t, stats,
                            Duration.ofSeconds(5)).connect();
                    tills.add(Thread.ofVirtual().start(() -> {
                        try (till) {
                            for (int i = 0; i < 30; i++) {
                                till.sellOneBasket(shelf, 4, 3, false);
                                Thread.sleep(20);
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }));
                }
                for (Thread t : tills) {
                    t.join();
                }
                assertThat(stats.confirmed()).isEqualTo(120);
                await().atMost(Duration.ofSeconds(60)).until(() -> store.syncAgent().status().depth() == 0);

                JsonNode atHq = get(hq.baseUri() + "/api/v1/sales/summary", ADMIN).path("stores").get(0);
                JsonNode atStore = get(store.baseUri() + "/api/v1/sales/summary", null);
                assertThat(atHq.path("saleCount").asLong()).isEqualTo(120);
                assertThat(atStore.path("saleCount").asLong()).isEqualTo(120);
                assertThat(atHq.path("lastSequenceApplied").asLong()).isEqualTo(store.syncAgent().status().lastSeq());
                assertThat(atHq.path("revenue").get(0).path("totalMinor").asLong())
                        .isEqualTo(stats.revenue("wan").get("EUR"))
                        .isEqualTo(atStore.path("byCurrency").get(0).path("totalMinor").asLong());
            }
            // the WAN really misbehaved, in every way
            for (Fault f : List.of(Fault.FAIL_BEFORE, Fault.LOSE_REPLY, Fault.DUPLICATE, Fault.REPLAY_EARLIER, Fault.DELAY)) {
                assertThat(wan.count(f)).as(f.name()).isPositive();
            }
        }
    }
}
