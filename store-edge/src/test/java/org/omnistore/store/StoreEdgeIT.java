package org.omnistore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.omnistore.contracts.Json;
import org.omnistore.contracts.catalog.CatalogItem;
import org.omnistore.contracts.catalog.CatalogSnapshot;
import org.omnistore.contracts.pos.CompleteSale;
import org.omnistore.contracts.pos.ItemPriced;
import org.omnistore.contracts.pos.PosError;
import org.omnistore.contracts.pos.SaleCompleted;
import org.omnistore.contracts.pos.ScanItem;
import org.omnistore.contracts.pos.TenderKind;
import org.omnistore.pos.PosConfig;
import org.omnistore.store.broker.BrokerConfig;
import org.omnistore.sync.edge.SyncConfig;

/**
 * A whole store edge over a real broker: the embedded Moquette, and the machine's Mosquitto on 1883
 * when one runs. HQ is unreachable throughout: the store must sell anyway and queue every sale.
 */
class StoreEdgeIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static StoreConfig config(String storeId, Path dir, boolean embedded, String hqUrl) throws Exception {
        int brokerPort = freePort();
        BrokerConfig broker = embedded
                ? new BrokerConfig(true, "127.0.0.1", brokerPort, null, dir.resolve("broker"))
                : new BrokerConfig(false, null, 0, "tcp://127.0.0.1:1883", dir.resolve("broker"));
        SyncConfig sync = new SyncConfig(storeId, hqUrl, "test-store-token-0123456789", 100, Duration.ofMillis(200),
                Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMillis(500));
        return new StoreConfig(storeId, dir, "fsync", "127.0.0.1", 0, broker, sync, PosConfig.defaults(storeId));
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static CatalogSnapshot catalog(String storeId) {
        return new CatalogSnapshot(1, storeId, 3, "EUR", List.of(
                new CatalogItem("OAT-1", "4006381333931", "Oat milk 1l", "dairy", 199, 700),
                new CatalogItem("COF-1", "4006381333948", "Coffee 500g", "pantry", 649, 700)));
    }

    private static boolean mosquittoRunning() {
        try (Socket s = new Socket("127.0.0.1", 1883)) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @ParameterizedTest(name = "embedded broker = {0}")
    @ValueSource(booleans = {true, false})
    void sellsOverMqttWithHqDownAndQueuesEverySale(boolean embedded) throws Exception {
        if (!embedded) {
            Assumptions.assumeTrue(mosquittoRunning(), "no Mosquitto on 127.0.0.1:1883");
        }
        String storeId = "it-" + UUID.randomUUID().toString().substring(0, 8);
        Path dir = Files.createTempDirectory("store-edge-it");
        try (StoreEdge edge = StoreEdge.create(config(storeId, dir, embedded, "http://127.0.0.1:" + freePort())).start()) {
            edge.gateway().replaceCatalog(catalog(storeId));
            String brokerUrl = embedded ? "tcp://127.0.0.1:" + edge.gatewayBrokerPort() : "tcp://127.0.0.1:1883";
            try (MqttTestClient till = new MqttTestClient(brokerUrl, storeId, "till-1")) {
                assertThat(till.request(new ScanItem(1, "s1", "4006381333931", 2)))
                        .isInstanceOfSatisfying(ItemPriced.class, p -> assertThat(p.lineTotalMinor()).isEqualTo(398));

                CompleteSale sale = new CompleteSale(1, "c1", "tx-1",
                        List.of(new CompleteSale.LineRequest("4006381333931", 2), new CompleteSale.LineRequest("COF-1", 1)),
                        List.of(new CompleteSale.TenderRequest(TenderKind.CARD, 1047, "tok_test12345")));
                SaleCompleted first = (SaleCompleted) till.request(sale);
                assertThat(first.duplicate()).isFalse();
                assertThat(first.sale().totalMinor()).isEqualTo(1047);

                SaleCompleted again = (SaleCompleted) till.request(new CompleteSale(1, "c2", "tx-1", sale.lines(), sale.tenders()));
                assertThat(again.duplicate()).isTrue();
                assertThat(again.sale().saleId()).isEqualTo(first.sale().saleId());

                // garbage and a wrong version get an error reply, and the gateway keeps serving
                assertThat(till.request("not json".getBytes(StandardCharsets.UTF_8)))
                        .isInstanceOfSatisfying(PosError.class, e -> assertThat(e.code()).isEqualTo("malformed"));
                assertThat(till.request("""
                        {"type":"complete","schemaVersion":2,"requestId":"x"}""".getBytes(StandardCharsets.UTF_8)))
                        .isInstanceOfSatisfying(PosError.class, e -> assertThat(e.message()).contains("schemaVersion 2"));
                assertThat(till.request(new ScanItem(1, "s2", "COF-1", 1))).isInstanceOf(ItemPriced.class);

                await().atMost(Duration.ofSeconds(5)).until(() -> "online".equals(
                        getJson(edge.baseUri() + "/api/v1/store").path("terminals").path("till-1").path("state").asText()));
                till.crash();
                // the broker publishes the till's last will
                await().atMost(Duration.ofSeconds(10)).until(() -> "offline".equals(
                        getJson(edge.baseUri() + "/api/v1/store").path("terminals").path("till-1").path("state").asText()));
            }

            JsonNode summary = getJson(edge.baseUri() + "/api/v1/sales/summary");
            assertThat(summary.path("saleCount").asLong()).isEqualTo(1);
            JsonNode status = getJson(edge.baseUri() + "/api/v1/store");
            assertThat(status.path("sync").path("depth").asLong()).isEqualTo(1);
            String metrics = get(edge.baseUri() + "/observe/metrics").body();
            assertThat(metrics).containsPattern("omnistore_outbox_depth\\{[^}]*store=\"" + storeId + "\"[^}]*} 1");
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    getJson(edge.baseUri() + "/api/v1/store").path("sync").path("failures").asLong() > 0);
        }
    }

    @org.junit.jupiter.api.Test
    void aBasketAtTheLineLimitGetsItsReceiptAndAnOversizedCommandIsRefused() throws Exception {
        String storeId = "it-" + UUID.randomUUID().toString().substring(0, 8);
        try (StoreEdge edge = StoreEdge.create(config(storeId, Files.createTempDirectory("store-edge-it"), true,
                "http://127.0.0.1:" + freePort())).start()) {
            edge.gateway().replaceCatalog(catalog(storeId));
            try (MqttTestClient till = new MqttTestClient("tcp://127.0.0.1:" + edge.gatewayBrokerPort(), storeId, "till-9")) {
                List<CompleteSale.LineRequest> lines = java.util.Collections.nCopies(200,
                        new CompleteSale.LineRequest("4006381333931", 1));
                // the receipt of 200 lines is ~35 KB: far over the broker's default 8 KB message limit
                assertThat(till.request(new CompleteSale(1, "big", "tx-big", lines,
                        List.of(new CompleteSale.TenderRequest(TenderKind.CASH, 40_000, null)))))
                        .isInstanceOfSatisfying(SaleCompleted.class, r -> assertThat(r.sale().lines()).hasSize(200));
                byte[] huge = new byte[300 * 1024];
                java.util.Arrays.fill(huge, (byte) ' ');
                assertThat(till.request(huge))
                        .isInstanceOfSatisfying(PosError.class, e -> assertThat(e.code()).isEqualTo("too-large"));
                assertThat(till.request(new ScanItem(1, "after", "COF-1", 1))).isInstanceOf(ItemPriced.class);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void apiAnswersProblemsAndHealth() throws Exception {
        String storeId = "it-" + UUID.randomUUID().toString().substring(0, 8);
        try (StoreEdge edge = StoreEdge.create(config(storeId, Files.createTempDirectory("store-edge-it"), true,
                "http://127.0.0.1:" + freePort())).start()) {
            HttpResponse<String> missing = get(edge.baseUri() + "/api/v1/nothing-here");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(Json.mapper().readTree(missing.body()).path("status").asInt()).isEqualTo(404);

            // no catalog yet: not ready
            assertThat(get(edge.baseUri() + "/observe/health").statusCode()).isEqualTo(503);
            edge.gateway().replaceCatalog(catalog(storeId));
            assertThat(get(edge.baseUri() + "/observe/health").statusCode()).isEqualTo(200);
            assertThat(get(edge.baseUri() + "/observe/metrics").statusCode()).isEqualTo(200);
        }
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode getJson(String url) throws Exception {
        HttpResponse<String> r = get(url);
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }
}
