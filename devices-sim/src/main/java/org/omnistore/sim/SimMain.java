package org.omnistore.sim;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.omnistore.contracts.Json;
import org.omnistore.sim.demo.DemoOptions;
import org.omnistore.sim.pos.Shelf;
import org.omnistore.sim.pos.SimTerminal;
import org.omnistore.sim.pos.TerminalStats;

/**
 * Simulated terminals against one running store:
 * {@code ./omnistore sim --store store-1 --broker tcp://127.0.0.1:1885 --store-api http://127.0.0.1:8081 --terminals 3 --duration 60s}.
 */
public final class SimMain {

    private SimMain() {
    }

    public static void main(String[] args) throws Exception {
        String store = "store-1";
        String broker = "tcp://127.0.0.1:1885";
        String api = "http://127.0.0.1:8081";
        int terminals = 3;
        Duration duration = Duration.ofSeconds(60);
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--store" -> store = args[i + 1];
                case "--broker" -> broker = args[i + 1];
                case "--store-api" -> api = args[i + 1];
                case "--terminals" -> terminals = Integer.parseInt(args[i + 1]);
                case "--duration" -> duration = DemoOptions.duration(args[i + 1]);
                default -> {
                    System.err.println("sim: unknown option " + args[i]
                            + " (--store, --broker, --store-api, --terminals, --duration)");
                    System.exit(2);
                }
            }
        }
        HttpResponse<String> catalog = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(api + "/api/v1/catalog")).build(), HttpResponse.BodyHandlers.ofString());
        Shelf shelf;
        try {
            shelf = Shelf.fromCatalog(Json.mapper().readTree(catalog.body()));
        } catch (IllegalArgumentException e) {
            System.err.println("sim: store " + store + " has no catalog yet");
            System.exit(1);
            return;
        }
        TerminalStats stats = new TerminalStats();
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int t = 1; t <= terminals; t++) {
            SimTerminal terminal = new SimTerminal(broker, store, "till-" + t, stats, Duration.ofSeconds(5)).connect();
            threads.add(Thread.ofVirtual().start(() -> {
                try (terminal) {
                    while (System.nanoTime() < deadline) {
                        terminal.sellOneBasket(shelf, 5, 5, true);
                        Thread.sleep(200);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double[] latency = stats.latencyMillis();
        System.out.printf("sim: %d sales completed at %s, refused %s, p50 %.1f ms, p99 %.1f ms%n",
                stats.confirmed(), store, stats.refusals(), latency[0], latency[1]);
    }
}
