package org.omnistore.sim.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.omnistore.sim.pos.Shelf;
import org.omnistore.sim.pos.SimTerminal;
import org.omnistore.sim.pos.TerminalStats;

/**
 * The one-command demo: starts HQ (cloud-platform on embedded PostgreSQL) and two stores (each its own
 * JVM, H2 journal and embedded broker), drives simulated terminals over MQTT, optionally cuts HQ off
 * mid-run, then waits for the stores to drain and reconciles terminals against stores against HQ.
 * Exits 1 if any sale was lost or duplicated. Logs go to {@code run/<timestamp>/logs}.
 */
public final class DemoMain {

    private static final PrintStream OUT = System.out;

    private final DemoOptions options;
    private final Path runDir;
    private final HttpJson http = new HttpJson();
    private final TerminalStats stats = new TerminalStats();
    private final List<ChildProcess> children = new ArrayList<>();
    private final Map<String, StoreProcess> stores = new LinkedHashMap<>();
    private final String adminToken = token();
    private ChildProcess cloud;
    private Map<String, String> cloudProperties;
    private String cloudUrl;

    private record StoreProcess(String storeId, String apiUrl, String brokerUrl, ChildProcess process) {
    }

    private DemoMain(DemoOptions options, Path runDir) {
        this.options = options;
        this.runDir = runDir;
    }

    public static void main(String[] args) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path runDir = options.home().resolve("run").resolve(
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(runDir.resolve("logs"));
        logTo(runDir.resolve("logs/sim.log"));
        DemoMain demo = new DemoMain(options, runDir);
        Runtime.getRuntime().addShutdownHook(new Thread(demo::stopAll, "demo-shutdown"));
        int exit;
        try {
            exit = demo.run();
        } catch (Exception e) {
            OUT.println("demo: FAILED: " + e.getMessage());
            OUT.println("demo: logs are in " + runDir.resolve("logs"));
            exit = 1;
        }
        demo.stopAll();
        System.exit(exit);
    }

    private int run() throws Exception {
        OUT.printf("Omnistore %s: HQ + %d stores x %d terminals for %ds (%s)%s. Run directory: %s%n",
                options.bench() ? "load run" : "demo", options.stores(), options.terminalsPerStore(),
                options.duration().toSeconds(), options.scanEach() ? "each item scanned, then completed" : "whole baskets completed",
                options.outageAt() == null ? "" : ", HQ outage at " + options.outageAt().toSeconds() + "s for "
                        + options.outage().toSeconds() + "s", runDir);
        startCloud();
        for (int i = 1; i <= options.stores(); i++) {
            startStore("store-" + i, i % 2 == 1 ? "EUR" : "USD");
        }
        for (StoreProcess s : stores.values()) {
            awaitCatalog(s);
        }
        OUT.printf("HQ %s (admin token %s), stores: %s%n", cloudUrl, adminToken,
                stores.values().stream().map(s -> s.storeId() + " " + s.apiUrl() + " mqtt " + s.brokerUrl()).toList());

        long startNanos = System.nanoTime();
        List<Thread> tills = startTerminals(startNanos + options.duration().toNanos());
        Thread outage = options.outageAt() == null ? null : Thread.ofVirtual().start(this::cutHqOff);
        while (tills.stream().anyMatch(Thread::isAlive)) {
            for (Thread t : tills) {
                t.join(5_000);
                if (t.isAlive()) {
                    break;
                }
            }
            progress(startNanos);
        }
        double sellingSeconds = (System.nanoTime() - startNanos) / 1e9;
        if (outage != null) {
            outage.join();
        }
        OUT.println("Terminals stopped; waiting for every store's outbox to drain to HQ ...");
        long drainStart = System.nanoTime();
        awaitDrained(Duration.ofSeconds(120));
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        return reconcile(sellingSeconds, drainSeconds);
    }

    private void startCloud() throws Exception {
        int port = freePort();
        cloudUrl = "http://127.0.0.1:" + port;
        cloudProperties = new LinkedHashMap<>();
        cloudProperties.put("server.port", Integer.toString(port));
        cloudProperties.put("cloud.database.embedded-dir", runDir.resolve("data/cloud-pg").toString());
        cloudProperties.put("cloud.database.embedded-port", Integer.toString(freePort()));
        cloudProperties.put("cloud.admin-token", adminToken);
        cloudProperties.put("cloud.demo-catalog", "true");
        for (int i = 1; i <= options.stores(); i++) {
            int n = i - 1;
            cloudProperties.put("cloud.stores." + n + ".id", "store-" + i);
            cloudProperties.put("cloud.stores." + n + ".name", "Demo store " + i);
            cloudProperties.put("cloud.stores." + n + ".currency", i % 2 == 1 ? "EUR" : "USD");
            cloudProperties.put("cloud.stores." + n + ".token", storeToken("store-" + i));
        }
        cloud = launchCloud();
        OUT.print("Starting HQ (embedded PostgreSQL) ...");
        awaitOk(cloudUrl + "/observe/health", Duration.ofSeconds(180), "HQ", "cloud.log");
        OUT.println(" up at " + cloudUrl);
    }

    private ChildProcess launchCloud() throws IOException {
        ChildProcess c = new ChildProcess("cloud", options.java(), options.home(), "cloud-platform",
                "org.omnistore.cloud.CloudMain", cloudProperties, runDir.resolve("logs/cloud.log")).start();
        children.add(c);
        return c;
    }

    private final Map<String, String> storeTokens = new TreeMap<>();

    private synchronized String storeToken(String storeId) {
        return storeTokens.computeIfAbsent(storeId, k -> token());
    }

    private void startStore(String storeId, String currency) throws Exception {
        int apiPort = freePort();
        int brokerPort = freePort();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("store.id", storeId);
        p.put("store.data-dir", runDir.resolve("data/" + storeId).toString());
        p.put("server.port", Integer.toString(apiPort));
        p.put("broker.port", Integer.toString(brokerPort));
        p.put("sync.cloud-url", cloudUrl);
        p.put("sync.store-token", storeToken(storeId));
        p.put("sync.max-backoff", "PT2S");
        ChildProcess process = new ChildProcess(storeId, options.java(), options.home(), "store-edge",
                "org.omnistore.store.StoreEdgeMain", p, runDir.resolve("logs/" + storeId + ".log")).start();
        children.add(process);
        StoreProcess s = new StoreProcess(storeId, "http://127.0.0.1:" + apiPort, "tcp://127.0.0.1:" + brokerPort, process);
        stores.put(storeId, s);
        OUT.print("Starting " + storeId + " (" + currency + ") ...");
        awaitOk(s.apiUrl() + "/api/v1/store", Duration.ofSeconds(120), storeId, storeId + ".log");
        OUT.println(" up");
    }

    private void awaitCatalog(StoreProcess s) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (http.get(s.apiUrl() + "/api/v1/store", null).path("catalogVersion").asLong() > 0) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(s.storeId() + " did not receive its catalog from HQ; see logs/" + s.storeId() + ".log");
    }

    private List<Thread> startTerminals(long deadlineNanos) throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (StoreProcess s : stores.values()) {
            Shelf shelf = Shelf.fromCatalog(http.get(s.apiUrl() + "/api/v1/catalog", null));
            for (int t = 1; t <= options.terminalsPerStore(); t++) {
                SimTerminal terminal = new SimTerminal(s.brokerUrl(), s.storeId(), "till-" + t, stats,
                        Duration.ofSeconds(5)).connect();
                threads.add(Thread.ofVirtual().name(s.storeId() + "-till-" + t).start(() -> sell(terminal, shelf, deadlineNanos)));
            }
        }
        return threads;
    }

    private void sell(SimTerminal terminal, Shelf shelf, long deadlineNanos) {
        try (terminal) {
            while (System.nanoTime() < deadlineNanos) {
                terminal.sellOneBasket(shelf, 5, 5, options.scanEach());
                if (!options.think().isZero()) {
                    Thread.sleep(options.think());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills HQ (SIGKILL, as a WAN cut or crash would look) and brings it back on the same data. */
    private void cutHqOff() {
        try {
            Thread.sleep(options.outageAt());
            cloud.kill();
            OUT.printf("  >> HQ is DOWN (killed) for %ds: stores keep selling into their outboxes%n", options.outage().toSeconds());
            Thread.sleep(options.outage());
            cloud = launchCloud();
            awaitOk(cloudUrl + "/observe/health", Duration.ofSeconds(180), "HQ", "cloud.log");
            OUT.println("  >> HQ is back: stores drain their outboxes");
        } catch (Exception e) {
            OUT.println("  >> HQ restart failed: " + e.getMessage());
        }
    }

    private void progress(long startNanos) {
        long seconds = (System.nanoTime() - startNanos) / 1_000_000_000L;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  t=%3ds  sold=%6d (%4.0f/s)", seconds,
                stats.confirmed(), stats.confirmed() / Math.max(1.0, seconds)));
        for (StoreProcess s : stores.values()) {
            try {
                JsonNode sync = http.get(s.apiUrl() + "/api/v1/store", null).path("sync");
                sb.append(String.format(Locale.ROOT, "  %s outbox=%d", s.storeId(), sync.path("depth").asLong()));
            } catch (Exception e) {
                sb.append("  ").append(s.storeId()).append(" unreachable");
            }
        }
        try {
            long hq = 0;
            for (JsonNode st : http.get(cloudUrl + "/api/v1/sales/summary", adminToken).path("stores")) {
                hq += st.path("saleCount").asLong();
            }
            sb.append("  HQ applied=").append(hq);
        } catch (Exception e) {
            sb.append("  HQ unreachable");
        }
        OUT.println(sb);
    }

    private void awaitDrained(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean drained = true;
            for (StoreProcess s : stores.values()) {
                drained &= http.get(s.apiUrl() + "/api/v1/store", null).path("sync").path("depth").asLong() == 0;
            }
            if (drained) {
                return;
            }
            Thread.sleep(250);
        }
        OUT.println("WARNING: outboxes did not drain within " + timeout.toSeconds() + "s");
    }

    private int reconcile(double sellingSeconds, double drainSeconds) throws Exception {
        Map<String, JsonNode> hq = new TreeMap<>();
        for (JsonNode st : http.get(cloudUrl + "/api/v1/sales/summary", adminToken).path("stores")) {
            hq.put(st.path("storeId").asText(), st);
        }
        List<Reconciliation> rows = new ArrayList<>();
        for (StoreProcess s : stores.values()) {
            JsonNode local = http.get(s.apiUrl() + "/api/v1/sales/summary", null);
            JsonNode central = hq.get(s.storeId());
            Map<String, Long> hqRevenue = new TreeMap<>();
            if (central != null) {
                for (JsonNode r : central.path("revenue")) {
                    if (r.path("totalMinor").asLong() != 0 || central.path("saleCount").asLong() > 0) {
                        hqRevenue.put(r.path("currency").asText(), r.path("totalMinor").asLong());
                    }
                }
            }
            rows.add(new Reconciliation(s.storeId(), stats.confirmed(s.storeId()),
                    stats.unconfirmed(s.storeId()),
                    local.path("saleCount").asLong(),
                    central == null ? 0 : central.path("saleCount").asLong(),
                    central == null ? 0 : central.path("lastSequenceApplied").asLong(),
                    stats.revenue(s.storeId()), hqRevenue));
        }
        OUT.println();
        OUT.println("Reconciliation (terminals -> store journal -> HQ):");
        OUT.printf("  %-9s %10s %10s %10s %8s %6s %11s  %s%n", "store", "completed", "recorded", "at HQ", "HQ seq",
                "lost", "duplicated", "revenue");
        long completed = 0;
        long recorded = 0;
        long applied = 0;
        long lost = 0;
        long duplicated = 0;
        boolean revenueOk = true;
        for (Reconciliation r : rows) {
            OUT.printf("  %-9s %10d %10d %10d %8d %6d %11d  %s%n", r.storeId(), r.completedAtTerminals(),
                    r.recordedByStore(), r.appliedAtHq(), r.hqLastSequence(), r.lost(), r.duplicated(),
                    r.revenueMatches() ? "match " + r.hqRevenue() : "MISMATCH terminals=" + r.terminalRevenue() + " hq=" + r.hqRevenue());
            completed += r.completedAtTerminals();
            recorded += r.recordedByStore();
            applied += r.appliedAtHq();
            lost += r.lost();
            duplicated += r.duplicated();
            revenueOk &= r.revenueMatches();
        }
        double[] latency = stats.latencyMillis();
        OUT.printf(Locale.ROOT, "Terminals: %d baskets started, %d refused %s, %d reply timeouts, %d requests held while "
                        + "disconnected, %d completions retried, %d unconfirmed%n", stats.startedCount(),
                stats.refusals().values().stream().mapToLong(Long::longValue).sum(), stats.refusals(), stats.timeouts(),
                stats.disconnects(), stats.retriedCompletions(), stats.unconfirmedTx().size());
        OUT.printf(Locale.ROOT, "Throughput: %.0f sales/s completed at terminals over %.1fs; HQ caught up %.1fs after the "
                + "terminals stopped. Completion latency (till to receipt): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                completed / sellingSeconds, sellingSeconds, drainSeconds, latency[0], latency[1], latency[2]);
        boolean ok = completed > 0 && lost == 0 && duplicated == 0 && revenueOk;
        OUT.printf("RECONCILIATION %s: completed=%d recorded=%d applied_at_hq=%d lost=%d duplicated=%d revenue=%s%n",
                ok ? "OK" : "FAILED", completed, recorded, applied, lost, duplicated, revenueOk ? "match" : "MISMATCH");
        OUT.println("Logs: " + runDir.resolve("logs"));
        return ok ? 0 : 1;
    }

    private void awaitOk(String url, Duration timeout, String what, String log) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ChildProcess process = children.getLast();
        while (System.nanoTime() < deadline) {
            if (http.ok(url)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited during start-up; see logs/" + log);
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(what + " did not come up within " + timeout.toSeconds() + "s; see logs/" + log);
    }

    private synchronized void stopAll() {
        for (int i = children.size() - 1; i >= 0; i--) {
            children.get(i).close();
        }
        children.clear();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static String token() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static void logTo(Path file) throws IOException {
        LogManager.getLogManager().reset();
        FileHandler handler = new FileHandler(file.toString(), true);
        handler.setFormatter(new SimpleFormatter());
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        root.setLevel(Level.INFO);
    }
}
