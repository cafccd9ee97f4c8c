package org.omnistore.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.omnistore.contracts.Json;
import org.omnistore.contracts.sale.Sale;
import org.omnistore.contracts.sync.SyncAck;
import org.omnistore.contracts.sync.SyncBatch;
import org.omnistore.contracts.sync.SyncEvent;

/**
 * HQ's API against a real PostgreSQL: the subclasses run it on the embedded PostgreSQL and on the
 * machine's server. Each test uses its own stores, so the tests share one started platform.
 */
abstract class CloudPlatformContract {

    static final String ADMIN = "admin-token-0123456789abcdef";
    static final int STORES = 6;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The started platform and its base URI, from the subclass. */
    abstract String base();

    static List<CloudConfig.StoreSeed> seeds() {
        List<CloudConfig.StoreSeed> seeds = new ArrayList<>();
        for (int i = 1; i <= STORES; i++) {
            seeds.add(new CloudConfig.StoreSeed("s" + i, "Store " + i, i % 2 == 0 ? "USD" : "EUR", token("s" + i)));
        }
        return seeds;
    }

    static String token(String store) {
        return "token-of-" + store + "-0123456789";
    }

    static Sale sale(String store, long n, long total) {
        return new Sale(1, store, UUID.randomUUID().toString(), "till-1", "tx-" + n, Instant.now(), "EUR",
                List.of(new Sale.Line("OAT-MILK-1L", "Oat milk", 1, total, total, 700, 13)), total, 13,
                List.of(new Sale.Tender("CARD", total, "tok_abcdefgh")), 0);
    }

    static SyncBatch batch(String store, long... seqs) {
        return new SyncBatch(1, store, LongStream.of(seqs)
                .mapToObj(s -> new SyncEvent(s, Sale.EVENT_TYPE, Instant.now(), Json.toTree(sale(store, s, 100 * s))))
                .toList());
    }

    HttpResponse<String> post(String path, String token, byte[] body, boolean gzip) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (gzip) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(body);
            }
            body = out.toByteArray();
            b.header("Content-Encoding", "gzip");
        }
        return HTTP.send(b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    SyncAck send(SyncBatch batch) throws Exception {
        HttpResponse<String> r = post("/api/v1/sync/batches", token(batch.storeId()), Json.toBytes(batch), true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.read(r.body(), SyncAck.class);
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode storeSummary(String store) throws Exception {
        HttpResponse<String> r = get("/api/v1/sales/summary", ADMIN);
        assertThat(r.statusCode()).isEqualTo(200);
        for (JsonNode s : Json.mapper().readTree(r.body()).path("stores")) {
            if (s.path("storeId").asText().equals(store)) {
                return s;
            }
        }
        throw new AssertionError("store " + store + " missing from the summary");
    }

    @Test
    void appliesEachEventOnceWhateverTheReplays() throws Exception {
        SyncAck first = send(batch("s1", 1, 2, 3));
        SyncAck replay = send(batch("s1", 1, 2, 3));
        SyncAck overlap = send(batch("s1", 2, 3, 4));
        assertThat(first.applied()).isEqualTo(3);
        assertThat(replay.applied()).isZero();
        assertThat(replay.duplicates()).isEqualTo(3);
        assertThat(overlap.applied()).isEqualTo(1);
        assertThat(overlap.appliedThrough()).isEqualTo(4);
        JsonNode s1 = storeSummary("s1");
        assertThat(s1.path("saleCount").asLong()).isEqualTo(4);
        assertThat(s1.path("lastSequenceApplied").asLong()).isEqualTo(4);
        assertThat(s1.path("revenue").get(0).path("totalMinor").asLong()).isEqualTo(100 + 200 + 300 + 400);
    }

    @Test
    void aGapIsReportedAndNothingPastItIsApplied() throws Exception {
        send(batch("s2", 1));
        SyncAck gap = send(batch("s2", 3, 4));
        assertThat(gap.gapFrom()).isEqualTo(2L);
        assertThat(gap.applied()).isZero();
        assertThat(storeSummary("s2").path("saleCount").asLong()).isEqualTo(1);
        assertThat(send(batch("s2", 2, 3, 4)).appliedThrough()).isEqualTo(4);
    }

    @Test
    void storesAreAuthenticatedAndConfinedToThemselves() throws Exception {
        byte[] body = Json.toBytes(batch("s3", 1));
        HttpResponse<String> none = post("/api/v1/sync/batches", null, body, false);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(post("/api/v1/sync/batches", "not-a-token-at-all-xx", body, false).statusCode()).isEqualTo(401);
        HttpResponse<String> other = post("/api/v1/sync/batches", token("s4"), body, false);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(post("/api/v1/sync/batches", ADMIN, body, false).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/sales/summary", token("s3")).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/stores/s4/catalog", token("s3")).statusCode()).isEqualTo(403);
        assertThat(storeSummary("s3").path("saleCount").asLong()).isZero();
        // an uncompressed body is accepted too
        assertThat(post("/api/v1/sync/batches", token("s3"), body, false).statusCode()).isEqualTo(200);
    }

    @Test
    void badBodiesGetProblemsAndChangeNothing() throws Exception {
        HttpResponse<String> garbage = post("/api/v1/sync/batches", token("s5"), "{nope".getBytes(), true);
        assertThat(garbage.statusCode()).isEqualTo(400);
        JsonNode problem = Json.mapper().readTree(garbage.body());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("detail").asText()).contains("malformed");
        assertThat(post("/api/v1/sync/batches", token("s5"), Json.toBytes(new SyncBatch(1, "s5", List.of())), false)
                .statusCode()).isEqualTo(400);
        SyncBatch badSale = new SyncBatch(1, "s5", List.of(new SyncEvent(1, Sale.EVENT_TYPE, Instant.now(),
                Json.mapper().createObjectNode().put("hello", "world"))));
        HttpResponse<String> unreadable = post("/api/v1/sync/batches", token("s5"), Json.toBytes(badSale), true);
        assertThat(unreadable.statusCode()).isEqualTo(422);
        assertThat(unreadable.body()).contains("seq 1");
        assertThat(storeSummary("s5").path("lastSequenceApplied").asLong()).isZero();
        assertThat(get("/api/v1/no-such-thing", ADMIN).statusCode()).isEqualTo(404);
    }

    @Test
    void concurrentOverlappingBatchesApplyEachSequenceOnce() throws Exception {
        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Future<SyncAck>> acks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long from = 1 + (t % 4) * 5;
                acks.add(pool.submit((Callable<SyncAck>) () ->
                        send(batch("s6", LongStream.rangeClosed(1, from + 9).toArray()))));
            }
            for (Future<SyncAck> f : acks) {
                f.get();
            }
        }
        JsonNode s6 = storeSummary("s6");
        assertThat(s6.path("saleCount").asLong()).isEqualTo(25);
        assertThat(s6.path("lastSequenceApplied").asLong()).isEqualTo(25);
        long expected = LongStream.rangeClosed(1, 25).map(s -> 100 * s).sum();
        assertThat(s6.path("revenue").get(0).path("totalMinor").asLong()).isEqualTo(expected);
    }

    @Test
    void storesPullTheirCatalogInTheirCurrency() throws Exception {
        HttpResponse<String> r = get("/api/v1/stores/s2/catalog", token("s2"));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode catalog = Json.mapper().readTree(r.body());
        assertThat(catalog.path("currency").asText()).isEqualTo("USD");
        assertThat(catalog.path("version").asLong()).isPositive();
        assertThat(catalog.path("items").size()).isEqualTo(30);
        assertThat(storeSummary("s2").path("catalogVersionPulled").asLong()).isEqualTo(catalog.path("version").asLong());
        assertThat(get("/api/v1/stores/nope/catalog", ADMIN).statusCode()).isEqualTo(404);
        JsonNode items = Json.mapper().readTree(get("/api/v1/catalog/items?limit=5", ADMIN).body());
        assertThat(items.path("items").size()).isEqualTo(5);
        assertThat(items.path("items").get(0).path("prices").has("EUR")).isTrue();
        assertThat(get("/api/v1/catalog/items?limit=0", ADMIN).statusCode()).isEqualTo(400);
    }

    @Test
    void healthAndMetrics() throws Exception {
        HttpResponse<String> health = get("/observe/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
        assertThat(get("/observe/metrics", null).statusCode()).isEqualTo(200);
    }
}
