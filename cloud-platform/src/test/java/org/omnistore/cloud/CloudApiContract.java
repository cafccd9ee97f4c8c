package org.omnistore.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.omnistore.cloud.Hq.ADMIN;
import static org.omnistore.cloud.Hq.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.omnistore.cloud.CloudConfig.StoreSeed;
import org.omnistore.cloud.db.Sql;
import org.omnistore.contracts.Json;
import org.omnistore.contracts.sync.StoreHeartbeat;
import org.omnistore.contracts.sync.SyncAck;
import org.omnistore.contracts.sync.SyncBatch;
import org.omnistore.contracts.sync.SyncEvent;

/**
 * The HQ API against a real PostgreSQL; subclasses start one HQ per class on the embedded server or
 * the machine's own. Every test uses its own store, so tests share the server without sharing state.
 */
abstract class CloudApiContract {

    static final StoreSeed[] STORES = {
        Hq.store("ingest", "EUR"), Hq.store("replay", "EUR"), Hq.store("gap", "EUR"),
        Hq.store("auth-a", "EUR"), Hq.store("auth-b", "EUR"), Hq.store("gzip", "EUR"),
        Hq.store("cat-usd", "USD"), Hq.store("cat-eur", "EUR"), Hq.store("conc", "EUR"),
        Hq.store("bad", "EUR"), Hq.store("idle", "EUR"), Hq.store("health", "EUR"), Hq.store("silent", "EUR"),
        Hq.store("twice", "EUR"),
    };

    abstract Hq hq();

    private static SyncAck ack(Hq.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        return Json.read(r.body(), SyncAck.class);
    }

    private static void assertProblem(Hq.Reply r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode p = r.json();
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("type").asText()).isEqualTo("about:blank");
        assertThat(p.get("title").asText()).isNotBlank();
        assertThat(p.get("detail").asText()).isNotBlank();
    }

    @Test
    void ingestAppliesSalesAndSummaryShowsThem() {
        Hq hq = hq();
        List<SyncEvent> events = new ArrayList<>(Hq.sales("ingest", 1, 3, 250).events());
        // an event type HQ does not know yet is kept raw and still advances the mark (forward compatibility)
        events.add(new SyncEvent(4, "inventory.adjusted", Instant.now(),
                Json.mapper().createObjectNode().put("sku", "OAT-MILK-1L").put("delta", -2)));

        SyncAck ack = ack(hq.postBatch(token("ingest"), new SyncBatch(1, "ingest", events)));

        assertThat(ack).isEqualTo(new SyncAck(1, "ingest", 4, 4, 0, null));
        JsonNode s = hq.summaryOf("ingest");
        assertThat(s.get("saleCount").asLong()).isEqualTo(3);
        assertThat(s.get("lastSequenceApplied").asLong()).isEqualTo(4);
        assertThat(s.get("revenue")).hasSize(1);
        assertThat(s.get("revenue").get(0).get("currency").asText()).isEqualTo("EUR");
        assertThat(s.get("revenue").get(0).get("totalMinor").asLong()).isEqualTo(750);
        assertThat(hq.count("SELECT count(*) FROM sale_line WHERE store_id = ?", "ingest")).isEqualTo(6);
        assertThat(hq.count("SELECT count(*) FROM sale_tender WHERE store_id = ? AND reference LIKE 'tok_%'", "ingest"))
                .isEqualTo(3);
        assertThat(hq.count("SELECT count(*) FROM ingested_event WHERE store_id = ?", "ingest")).isEqualTo(4);
        assertThat(hq.count("SELECT count(*) FROM ingested_event WHERE store_id = ? AND type = 'inventory.adjusted'"
                + " AND payload->>'sku' = 'OAT-MILK-1L'", "ingest")).isEqualTo(1);
    }

    @Test
    void replayedAndOverlappingBatchesApplyEachSequenceOnce() {
        Hq hq = hq();
        SyncBatch first = Hq.sales("replay", 1, 3, 100);
        assertThat(ack(hq.postBatch(token("replay"), first)).applied()).isEqualTo(3);

        SyncAck replay = ack(hq.postBatch(token("replay"), first));
        assertThat(replay).isEqualTo(new SyncAck(1, "replay", 3, 0, 3, null));

        SyncAck overlap = ack(hq.postBatch(token("replay"), Hq.sales("replay", 2, 5, 100)));
        assertThat(overlap).isEqualTo(new SyncAck(1, "replay", 5, 2, 2, null));

        assertThat(hq.count("SELECT count(*) FROM sale WHERE store_id = ?", "replay")).isEqualTo(5);
        assertThat(hq.count("SELECT count(*) FROM ingested_event WHERE store_id = ?", "replay")).isEqualTo(5);
        assertThat(hq.summaryOf("replay").get("revenue").get(0).get("totalMinor").asLong()).isEqualTo(500);
    }

    @Test
    void batchAfterAGapAppliesNothingPastIt() {
        Hq hq = hq();
        ack(hq.postBatch(token("gap"), Hq.sales("gap", 1, 2, 100)));

        SyncAck gap = ack(hq.postBatch(token("gap"), Hq.sales("gap", 4, 5, 100)));
        assertThat(gap).isEqualTo(new SyncAck(1, "gap", 2, 0, 0, 3L));

        // 3 fills the hole; 5 after it is a new gap (4 missing) and is not applied
        SyncAck partly = ack(hq.postBatch(token("gap"), Hq.batch("gap",
                Hq.saleEvent("gap", 3, 100), Hq.saleEvent("gap", 5, 100))));
        assertThat(partly).isEqualTo(new SyncAck(1, "gap", 3, 1, 0, 4L));

        JsonNode s = hq.summaryOf("gap");
        assertThat(s.get("saleCount").asLong()).isEqualTo(3);
        assertThat(s.get("lastSequenceApplied").asLong()).isEqualTo(3);
        assertThat(hq.count("SELECT max(seq) FROM ingested_event WHERE store_id = ?", "gap")).isEqualTo(3);
    }

    @Test
    void aStoreTokenMayNotWriteForAnotherStore() {
        Hq hq = hq();
        assertProblem(hq.postBatch(token("auth-a"), Hq.sales("auth-b", 1, 2, 100)), 403);
        assertProblem(hq.postBatch(ADMIN, Hq.sales("auth-b", 1, 2, 100)), 403);

        JsonNode b = hq.summaryOf("auth-b");
        assertThat(b.get("saleCount").asLong()).isZero();
        assertThat(b.get("lastSequenceApplied").asLong()).isZero();
        assertThat(hq.count("SELECT count(*) FROM ingested_event WHERE store_id = 'auth-b'")).isZero();
    }

    @Test
    void missingOrUnknownTokenIs401() {
        Hq hq = hq();
        Hq.Reply missing = hq.postBatch(null, Hq.sales("auth-a", 1, 1, 100));
        assertProblem(missing, 401);
        assertThat(missing.raw().headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertProblem(hq.postBatch("not-a-known-token-at-all", Hq.sales("auth-a", 1, 1, 100)), 401);
        assertProblem(hq.get("/api/v1/stores/auth-a/catalog", null), 401);
        assertThat(hq.summaryOf("auth-a").get("lastSequenceApplied").asLong()).isZero();
    }

    @Test
    void unreadableBatchesAre400AndChangeNothing() {
        Hq hq = hq();
        String path = "/api/v1/sync/batches";
        assertProblem(hq.post(path, token("auth-a"), "{\"schemaVersion\":1,\"storeId\":".getBytes(StandardCharsets.UTF_8)), 400);
        assertProblem(hq.post(path, token("auth-a"), "[1,2]".getBytes(StandardCharsets.UTF_8)), 400);
        assertProblem(hq.post(path, token("auth-a"), new byte[0]), 400);

        ObjectNode v2 = (ObjectNode) Json.toTree(Hq.sales("auth-a", 1, 1, 100));
        v2.put("schemaVersion", 2);
        Hq.Reply version = hq.post(path, token("auth-a"), Json.toBytes(v2));
        assertProblem(version, 400);
        assertThat(version.json().get("detail").asText()).contains("schemaVersion 2");

        assertProblem(hq.postBatch(token("auth-a"), new SyncBatch(1, "auth-a", List.of())), 400);
        Hq.Reply unordered = hq.postBatch(token("auth-a"), Hq.batch("auth-a",
                Hq.saleEvent("auth-a", 2, 100), Hq.saleEvent("auth-a", 1, 100)));
        assertProblem(unordered, 400);
        assertThat(unordered.json().get("detail").asText()).contains("increasing");

        assertProblem(hq.post(path, token("auth-a"), new byte[] {0x1f, (byte) 0x8b, 1, 2, 3},
                "Content-Encoding", "gzip"), 400);
        assertThat(hq.count("SELECT count(*) FROM ingested_event WHERE store_id = 'auth-a'")).isZero();
    }

    @Test
    void unrecordableSaleAbortsTheWholeBatchWith422() {
        Hq hq = hq();
        ObjectNode broken = (ObjectNode) Json.toTree(Hq.saleEvent("bad", 2, 100).payload());
        broken.remove("lines");
        SyncEvent brokenEvent = new SyncEvent(2, "sale", Instant.now(), broken);

        Hq.Reply r = hq.postBatch(token("bad"), Hq.batch("bad", Hq.saleEvent("bad", 1, 100), brokenEvent));
        assertProblem(r, 422);
        assertThat(r.json().get("detail").asText()).contains("seq 2");

        Hq.Reply otherStore = hq.postBatch(token("bad"), Hq.batch("bad", Hq.saleEvent("ingest", 1, 100)));
        assertProblem(otherStore, 422);
        assertThat(otherStore.json().get("detail").asText()).contains("seq 1").contains("ingest");

        assertThat(hq.summaryOf("bad").get("lastSequenceApplied").asLong()).isZero();
        assertThat(hq.count("SELECT count(*) FROM sale WHERE store_id = 'bad'")).isZero();
        assertThat(hq.count("SELECT count(*) FROM ingested_event WHERE store_id = 'bad'")).isZero();
    }

    @Test
    void gzipEncodedBatchIsApplied() {
        Hq hq = hq();
        SyncAck ack = ack(hq.postBatchGzip(token("gzip"), Hq.sales("gzip", 1, 40, 199)));
        assertThat(ack).isEqualTo(new SyncAck(1, "gzip", 40, 40, 0, null));
        assertThat(hq.summaryOf("gzip").get("revenue").get(0).get("totalMinor").asLong()).isEqualTo(40 * 199);
    }

    @Test
    void storePullsItsCatalogPricedInItsCurrencyAndHqRecordsThePull() throws SQLException {
        Hq hq = hq();
        // an item priced only in EUR: a USD store must not get it
        try (Connection c = hq.db().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("""
                    INSERT INTO catalog_item (sku, barcode, name, category, tax_rate_bp)
                    VALUES ('TEST-EUR-ONLY', '2000000000008', 'Euro-only test item', 'test', 700)
                    ON CONFLICT DO NOTHING""");
            s.executeUpdate("INSERT INTO item_price VALUES ('TEST-EUR-ONLY', 'EUR', 100) ON CONFLICT DO NOTHING");
        }
        assertThat(hq.summaryOf("cat-usd").get("catalogVersionPulled").isNull()).isTrue();

        Hq.Reply usd = hq.get("/api/v1/stores/cat-usd/catalog", token("cat-usd"));
        assertThat(usd.status()).as(usd.body()).isEqualTo(200);
        assertThat(usd.contentType()).startsWith("application/json");
        var snapshot = Json.read(usd.body(), org.omnistore.contracts.catalog.CatalogSnapshot.class);
        assertThat(snapshot.storeId()).isEqualTo("cat-usd");
        assertThat(snapshot.currency()).isEqualTo("USD");
        assertThat(snapshot.version()).isPositive();
        assertThat(snapshot.items()).hasSizeGreaterThanOrEqualTo(30)
                .noneMatch(i -> i.sku().equals("TEST-EUR-ONLY"))
                .anySatisfy(i -> {
                    assertThat(i.sku()).isEqualTo("OAT-MILK-1L");
                    assertThat(i.priceMinor()).isEqualTo(229);
                    assertThat(i.taxRateBasisPoints()).isEqualTo(700);
                    assertThat(i.barcode()).hasSize(13);
                });

        JsonNode pulled = hq.summaryOf("cat-usd");
        assertThat(pulled.get("catalogVersionPulled").asLong()).isEqualTo(snapshot.version());
        assertThat(Instant.parse(pulled.get("catalogPulledAt").asText())).isBefore(Instant.now().plusSeconds(5));

        var eur = Json.read(hq.get("/api/v1/stores/cat-eur/catalog", token("cat-eur")).body(),
                org.omnistore.contracts.catalog.CatalogSnapshot.class);
        assertThat(eur.items()).anyMatch(i -> i.sku().equals("OAT-MILK-1L") && i.priceMinor() == 199)
                .anyMatch(i -> i.sku().equals("TEST-EUR-ONLY"));

        // the admin may look at any store's catalog without it counting as that store's pull
        assertThat(hq.get("/api/v1/stores/idle/catalog", ADMIN).status()).isEqualTo(200);
        assertThat(hq.summaryOf("idle").get("catalogVersionPulled").isNull()).isTrue();
        assertProblem(hq.get("/api/v1/stores/cat-eur/catalog", token("cat-usd")), 403);
        assertProblem(hq.get("/api/v1/stores/no-such-store/catalog", ADMIN), 404);
    }

    @Test
    void adminListsCatalogItemsWithAllPrices() {
        Hq hq = hq();
        Hq.Reply page = hq.get("/api/v1/catalog/items?limit=5&offset=0", ADMIN);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.json().get("items")).hasSize(5);
        JsonNode all = hq.get("/api/v1/catalog/items?limit=500", ADMIN).json().get("items");
        JsonNode oat = null;
        for (JsonNode i : all) {
            if (i.get("sku").asText().equals("OAT-MILK-1L")) {
                oat = i;
            }
        }
        assertThat(oat).isNotNull();
        assertThat(oat.get("prices").get("EUR").asLong()).isEqualTo(199);
        assertThat(oat.get("prices").get("USD").asLong()).isEqualTo(229);
        assertProblem(hq.get("/api/v1/catalog/items?limit=0", ADMIN), 400);
        assertProblem(hq.get("/api/v1/catalog/items?limit=100000", ADMIN), 400);
        assertProblem(hq.get("/api/v1/catalog/items", token("idle")), 403);
    }

    @Test
    void summaryNeedsTheAdminTokenAndListsEveryStore() {
        Hq hq = hq();
        assertProblem(hq.get("/api/v1/sales/summary", null), 401);
        assertProblem(hq.get("/api/v1/sales/summary", token("idle")), 403);

        Hq.Reply r = hq.get("/api/v1/sales/summary", ADMIN);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode summary = r.json();
        // the contracts codec writes instants as ISO-8601 text: proof the replies go through it
        assertThat(Instant.parse(summary.get("generatedAt").asText())).isNotNull();
        List<String> ids = new ArrayList<>();
        summary.get("stores").forEach(s -> ids.add(s.get("storeId").asText()));
        assertThat(ids).contains(java.util.Arrays.stream(STORES).map(StoreSeed::id).toArray(String[]::new));
        JsonNode idle = hq.summaryOf("idle");
        assertThat(idle.get("name").asText()).isEqualTo("Store idle");
        assertThat(idle.get("saleCount").asLong()).isZero();
        assertThat(idle.get("revenue")).isEmpty();
        assertThat(idle.get("lastSequenceApplied").asLong()).isZero();
        assertThat(idle.has("catalogPulledAt")).isTrue();
    }

    @Test
    void concurrentOverlappingBatchesOfOneStoreApplyEachSequenceOnce() throws Exception {
        Hq hq = hq();
        int threads = 4;
        int total = 120;
        int chunk = 20;
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger applied = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * 7; // the threads' chunks overlap each other at different points
                futures.add(pool.submit(() -> {
                    go.await();
                    // like a store agent: always resend from the acknowledged mark
                    long next = 1;
                    while (next <= total) {
                        long to = Math.min(total, next + chunk - 1 + offset % chunk);
                        SyncAck a = ack(hq.postBatch(token("conc"), Hq.sales("conc", next, to, 10)));
                        applied.addAndGet(a.applied());
                        duplicates.addAndGet(a.duplicates());
                        assertThat(a.gapFrom()).isNull();
                        next = a.appliedThrough() + 1;
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(applied.get()).isEqualTo(total);
        assertThat(hq.count("SELECT count(*) FROM sale WHERE store_id = 'conc'")).isEqualTo(total);
        assertThat(hq.count("SELECT count(DISTINCT seq) FROM ingested_event WHERE store_id = 'conc'")).isEqualTo(total);
        JsonNode s = hq.summaryOf("conc");
        assertThat(s.get("lastSequenceApplied").asLong()).isEqualTo(total);
        assertThat(s.get("revenue").get(0).get("totalMinor").asLong()).isEqualTo(total * 10L);
    }

    @Test
    void healthIsUpWithTheDatabaseCheckAndMetricsCountEvents() {
        Hq hq = hq();
        Hq.Reply health = hq.get("/observe/health", null);
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(health.body()).contains("database");
        assertThat(hq.get("/observe/health/ready", null).status()).isEqualTo(200);

        ack(hq.postBatch(token("idle"), Hq.batch("idle", new SyncEvent(1, "heartbeat", Instant.now(),
                Json.mapper().createObjectNode()))));
        Hq.Reply metrics = hq.get("/observe/metrics", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("omnistore_sync_events_applied", "omnistore_sync_events_duplicate",
                "omnistore_sync_batch_ingest");
    }

    @Test
    void unknownRoutesAre404Problems() {
        Hq hq = hq();
        assertProblem(hq.get("/api/v1/nothing-here", ADMIN), 404);
        assertProblem(hq.get("/not-an-api", null), 404);
    }

    @Test
    void serializationFailuresAreRetried() {
        Hq hq = hq();
        AtomicInteger attempts = new AtomicInteger();
        int result = Sql.inTransaction(hq.db(), c -> {
            if (attempts.incrementAndGet() < 3) {
                throw new SQLException("could not serialize access", "40001");
            }
            return 7;
        });
        assertThat(result).isEqualTo(7);
        assertThat(attempts.get()).isEqualTo(3);
    }

    @Test
    void storesReportTheirHealthAndHqListsItWithLag() {
        StoreHeartbeat beat = new StoreHeartbeat(1, "health", java.time.Instant.now(), 12, 9, 3, 4_000L, 2, 1, 4);
        assertThat(hq().post("/api/v1/stores/health/heartbeat", Hq.token("health"), Json.toBytes(beat)).status())
                .isEqualTo(204);
        assertThat(hq().postBatch(Hq.token("health"), Hq.sales("health", 1, 5, 100)).status()).isEqualTo(200);

        JsonNode stores = hq().get("/api/v1/stores", Hq.ADMIN).json().path("stores");
        JsonNode health = null;
        JsonNode silent = null;
        for (JsonNode s : stores) {
            if (s.path("storeId").asText().equals("health")) {
                health = s;
            } else if (s.path("storeId").asText().equals("silent")) {
                silent = s;
            }
        }
        assertThat(health).isNotNull();
        assertThat(health.path("online").asBoolean()).isTrue();
        assertThat(health.path("outboxDepth").asLong()).isEqualTo(3);
        assertThat(health.path("oldestPendingAgeMs").asLong()).isEqualTo(4_000);
        assertThat(health.path("lag").asLong()).isEqualTo(12 - 5);
        assertThat(health.path("terminalsOnline").asInt()).isEqualTo(4);
        assertThat(silent.path("online").asBoolean()).isFalse();
        assertThat(silent.path("outboxDepth").isNull()).isTrue();
    }

    @Test
    void heartbeatsAreConfinedToTheStoreItself() {
        byte[] beat = Json.toBytes(new StoreHeartbeat(1, "health", java.time.Instant.now(), 0, 0, 0, null, 0, 0, 0));
        assertProblem(hq().post("/api/v1/stores/health/heartbeat", null, beat), 401);
        assertProblem(hq().post("/api/v1/stores/health/heartbeat", Hq.token("silent"), beat), 403);
        assertProblem(hq().post("/api/v1/stores/health/heartbeat", Hq.ADMIN, beat), 403);
        assertProblem(hq().post("/api/v1/stores/silent/heartbeat", Hq.token("silent"), beat), 400);
        assertProblem(hq().post("/api/v1/stores/health/heartbeat", Hq.token("health"), "{x".getBytes()), 400);
        byte[] negative = Json.toBytes(new StoreHeartbeat(1, "health", java.time.Instant.now(), -1, 0, 0, null, 0, 0, 0));
        assertProblem(hq().post("/api/v1/stores/health/heartbeat", Hq.token("health"), negative), 400);
        assertProblem(hq().get("/api/v1/stores", Hq.token("health")), 403);
    }

    @Test
    void aSaleSentAgainUnderANewSeqIsRecordedOnceAndTheSyncGoesOn() {
        org.omnistore.contracts.sync.SyncEvent first = Hq.saleEvent("twice", 1, 500);
        // the same sale (same id and till transaction) under seq 2, and twice more within one batch
        org.omnistore.contracts.sync.SyncEvent again = new org.omnistore.contracts.sync.SyncEvent(2,
                first.type(), first.occurredAt(), first.payload());
        org.omnistore.contracts.sync.SyncEvent other = Hq.saleEvent("twice", 3, 700);
        org.omnistore.contracts.sync.SyncEvent otherAgain = new org.omnistore.contracts.sync.SyncEvent(4,
                other.type(), other.occurredAt(), other.payload());
        assertThat(ack(hq().postBatch(Hq.token("twice"), Hq.batch("twice", first))).applied()).isEqualTo(1);
        SyncAck ack = ack(hq().postBatch(Hq.token("twice"), Hq.batch("twice", again, other, otherAgain)));
        assertThat(ack.appliedThrough()).isEqualTo(4);
        JsonNode summary = hq().summaryOf("twice");
        assertThat(summary.get("saleCount").asLong()).isEqualTo(2);
        assertThat(summary.get("revenue").get(0).get("totalMinor").asLong()).isEqualTo(1200);
        assertThat(hq().count("SELECT count(*) FROM ingested_event WHERE store_id = 'twice'")).isEqualTo(4);
    }
}
