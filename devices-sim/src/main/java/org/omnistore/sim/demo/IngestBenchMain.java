package org.omnistore.sim.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.omnistore.contracts.Json;
import org.omnistore.contracts.sale.Sale;
import org.omnistore.contracts.sync.SyncAck;
import org.omnistore.contracts.sync.SyncBatch;
import org.omnistore.contracts.sync.SyncEvent;

/**
 * Load run of HQ's sync ingest over the wire: starts HQ (embedded PostgreSQL) as its own JVM, then two
 * simulated stores post pre-built gzip batches of sales (500 sales × 5 lines each) as fast as HQ acks
 * them, and reports sale lines applied per second. {@code ./omnistore bench-ingest [--batches 40]}.
 */
public final class IngestBenchMain {

    private static final PrintStream OUT = System.out;
    private static final int SALES_PER_BATCH = 500;
    private static final int LINES_PER_SALE = 5;

    private IngestBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(".");
        String java = ProcessHandle.current().info().command().orElse("java");
        int batchesPerStore = 20;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--home" -> home = Path.of(args[i + 1]);
                case "--java" -> java = args[i + 1];
                case "--batches" -> batchesPerStore = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--batches N)");
            }
        }
        Path run = home.toAbsolutePath().resolve("run").resolve("ingest-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(run.resolve("logs"));
        int port = freePort();
        String admin = UUID.randomUUID().toString();
        List<String> stores = List.of("load-1", "load-2");
        Map<String, String> props = new LinkedHashMap<>();
        props.put("server.port", Integer.toString(port));
        props.put("cloud.database.embedded-dir", run.resolve("data/cloud-pg").toString());
        props.put("cloud.admin-token", admin);
        for (int i = 0; i < stores.size(); i++) {
            props.put("cloud.stores." + i + ".id", stores.get(i));
            props.put("cloud.stores." + i + ".currency", "EUR");
            props.put("cloud.stores." + i + ".token", token(stores.get(i)));
        }
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newHttpClient();
        try (ChildProcess hq = new ChildProcess("cloud", java, home.toAbsolutePath(), "cloud-platform",
                "org.omnistore.cloud.CloudMain", props, run.resolve("logs/cloud.log")).start()) {
            awaitUp(http, base + "/observe/health", hq);
            OUT.printf("HQ up at %s; building %d batches per store ...%n", base, batchesPerStore);
            Map<String, List<byte[]>> bodies = new LinkedHashMap<>();
            for (String store : stores) {
                List<byte[]> list = new ArrayList<>();
                for (int b = 0; b < batchesPerStore; b++) {
                    list.add(gzip(Json.toBytes(batch(store, (long) b * SALES_PER_BATCH + 1))));
                }
                bodies.put(store, list);
            }
            long start = System.nanoTime();
            List<Thread> senders = new ArrayList<>();
            for (String store : stores) {
                senders.add(Thread.ofPlatform().start(() -> send(http, base, store, bodies.get(store))));
            }
            for (Thread t : senders) {
                t.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long sales = (long) stores.size() * batchesPerStore * SALES_PER_BATCH;
            OUT.printf(Locale.ROOT, "INGEST %d sales (%d lines) applied in %.1f s: %.0f sales/s, %.0f lines/s%n",
                    sales, sales * LINES_PER_SALE, seconds, sales / seconds, sales * LINES_PER_SALE / seconds);
        }
    }

    private static void send(HttpClient http, String base, String store, List<byte[]> bodies) {
        for (byte[] body : bodies) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/sync/batches"))
                    .header("Authorization", "Bearer " + token(store))
                    .header("Content-Type", "application/json")
                    .header("Content-Encoding", "gzip")
                    .timeout(Duration.ofSeconds(120))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            try {
                HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                SyncAck ack = Json.read(r.body(), SyncAck.class);
                if (r.statusCode() != 200 || ack.applied() != SALES_PER_BATCH) {
                    throw new IllegalStateException("HQ answered " + r.statusCode() + " " + new String(r.body()));
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static SyncBatch batch(String store, long firstSeq) {
        List<SyncEvent> events = new ArrayList<>(SALES_PER_BATCH);
        for (long seq = firstSeq; seq < firstSeq + SALES_PER_BATCH; seq++) {
            List<Sale.Line> lines = new ArrayList<>();
            for (int l = 0; l < LINES_PER_SALE; l++) {
                lines.add(new Sale.Line("SKU-" + l, "Item " + l, 1, 199, 199, 700, 13));
            }
            Sale sale = new Sale(1, store, UUID.randomUUID().toString(), "till-1", "tx-" + seq, Instant.now(), "EUR",
                    lines, 199L * LINES_PER_SALE, 13L * LINES_PER_SALE,
                    List.of(new Sale.Tender("CASH", 1000, null)), 1000 - 199L * LINES_PER_SALE);
            events.add(new SyncEvent(seq, Sale.EVENT_TYPE, sale.completedAt(), Json.toTree(sale)));
        }
        return new SyncBatch(1, store, events);
    }

    private static String token(String store) {
        return "bench-token-of-" + store;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static void awaitUp(HttpClient http, String url, ChildProcess hq) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                if (!hq.isAlive()) {
                    throw new IllegalStateException("HQ exited; see its log");
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("HQ did not come up");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
