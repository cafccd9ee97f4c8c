package org.omnistore.sim.pos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What the simulated terminals saw: confirmed sales per store, their totals, refusals and latency. */
public final class TerminalStats {

    private final Set<String> confirmedTx = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> confirmedPerStore = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> revenuePerStoreCurrency = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();
    private final Set<String> unconfirmed = ConcurrentHashMap.newKeySet();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong disconnects = new AtomicLong();
    private final AtomicLong retriedCompletions = new AtomicLong();
    private final List<Long> latenciesNanos = new ArrayList<>();

    void started() {
        started.incrementAndGet();
    }

    void completed(String storeId, String txId, String currency, long totalMinor, long latencyNanos, boolean retried) {
        if (confirmedTx.add(storeId + "/" + txId)) {
            confirmedPerStore.computeIfAbsent(storeId, k -> new AtomicLong()).incrementAndGet();
            revenuePerStoreCurrency.computeIfAbsent(storeId + "/" + currency, k -> new AtomicLong()).addAndGet(totalMinor);
        }
        if (retried) {
            retriedCompletions.incrementAndGet();
        }
        synchronized (latenciesNanos) {
            latenciesNanos.add(latencyNanos);
        }
    }

    void refused(String code) {
        refusals.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
    }

    void timeout() {
        timeouts.incrementAndGet();
    }

    void disconnected() {
        disconnects.incrementAndGet();
    }

    /** Requests not sent because the terminal had lost its broker connection. */
    public long disconnects() {
        return disconnects.get();
    }

    void unconfirmed(String storeId, String txId) {
        unconfirmed.add(storeId + "/" + txId);
    }

    public long confirmed() {
        return confirmedTx.size();
    }

    public long confirmed(String storeId) {
        AtomicLong n = confirmedPerStore.get(storeId);
        return n == null ? 0 : n.get();
    }

    /** Revenue confirmed at the terminals of a store, by currency. */
    public Map<String, Long> revenue(String storeId) {
        Map<String, Long> out = new TreeMap<>();
        revenuePerStoreCurrency.forEach((k, v) -> {
            if (k.startsWith(storeId + "/")) {
                out.put(k.substring(storeId.length() + 1), v.get());
            }
        });
        return out;
    }

    public long startedCount() {
        return started.get();
    }

    public long timeouts() {
        return timeouts.get();
    }

    public long retriedCompletions() {
        return retriedCompletions.get();
    }

    public Set<String> unconfirmedTx() {
        return Set.copyOf(unconfirmed);
    }

    /** Completions a store's terminals gave up on after every retry: the store may or may not have them. */
    public long unconfirmed(String storeId) {
        return unconfirmed.stream().filter(tx -> tx.startsWith(storeId + "/")).count();
    }

    public Map<String, Long> refusals() {
        Map<String, Long> out = new TreeMap<>();
        refusals.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Completion latency percentiles in milliseconds: p50, p99, max (zeros when nothing completed). */
    public double[] latencyMillis() {
        long[] sorted;
        synchronized (latenciesNanos) {
            sorted = latenciesNanos.stream().mapToLong(Long::longValue).toArray();
        }
        if (sorted.length == 0) {
            return new double[] {0, 0, 0};
        }
        Arrays.sort(sorted);
        return new double[] {percentile(sorted, 0.50), percentile(sorted, 0.99), sorted[sorted.length - 1] / 1e6};
    }

    private static double percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }
}
