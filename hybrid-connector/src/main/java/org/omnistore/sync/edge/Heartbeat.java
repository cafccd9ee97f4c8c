package org.omnistore.sync.edge;

import java.lang.System.Logger.Level;
import java.util.function.Supplier;
import org.omnistore.contracts.sync.StoreHeartbeat;

/**
 * Sends the store's health to HQ every {@code sync.heartbeat}. A missed beat is only logged at DEBUG:
 * HQ being unreachable is already reported by the sync agent, and HQ marks a silent store offline.
 */
public final class Heartbeat implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Heartbeat.class.getName());

    private final SyncConfig config;
    private final CloudClient client;
    private final Supplier<StoreHeartbeat> report;
    private final java.util.concurrent.Semaphore stopped = new java.util.concurrent.Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    private Heartbeat(SyncConfig config, Supplier<StoreHeartbeat> report) {
        this.config = config;
        this.client = new CloudClient(config);
        this.report = report;
    }

    public static Heartbeat create(SyncConfig config, Supplier<StoreHeartbeat> report) {
        return new Heartbeat(config, report);
    }

    public synchronized Heartbeat start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("heartbeat-" + config.storeId()).start(this::loop);
        return this;
    }

    /** Sends one beat now; true when HQ took it. */
    public boolean beat() {
        try {
            client.postHeartbeat(report.get());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.log(Level.DEBUG, () -> "store=" + config.storeId() + " heartbeat not delivered: " + e.getMessage());
            return false;
        }
    }

    private void loop() {
        while (running) {
            beat();
            try {
                // woken early only by close(); never interrupted (H2 file I/O must not see an interrupt)
                stopped.tryAcquire(config.heartbeat().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        stopped.release();
    }
}
