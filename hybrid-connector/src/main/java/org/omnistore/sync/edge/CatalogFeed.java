package org.omnistore.sync.edge;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.omnistore.contracts.catalog.CatalogSnapshot;

/**
 * Down-sync of the store's catalog from HQ: pulls the snapshot at start-up, retrying with backoff
 * while HQ is unreachable (the store sells from its cached catalog meanwhile), then refreshes
 * periodically. A snapshot is handed on only when its version is newer than the store's.
 * (Deltas since a version come with the cloud commerce issue.)
 */
public final class CatalogFeed implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CatalogFeed.class.getName());

    private final SyncConfig config;
    private final CloudClient client;
    private final LongSupplier currentVersion;
    private final Consumer<CatalogSnapshot> apply;
    private final java.util.concurrent.Semaphore stopped = new java.util.concurrent.Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    private CatalogFeed(SyncConfig config, LongSupplier currentVersion, Consumer<CatalogSnapshot> apply) {
        this.config = config;
        this.client = new CloudClient(config);
        this.currentVersion = currentVersion;
        this.apply = apply;
    }

    /**
     * @param currentVersion the version the store holds now (0 when it has none)
     * @param apply          stores a newer snapshot (e.g. into the POS catalog cache)
     */
    public static CatalogFeed create(SyncConfig config, LongSupplier currentVersion, Consumer<CatalogSnapshot> apply) {
        return new CatalogFeed(config, currentVersion, apply);
    }

    public synchronized CatalogFeed start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("catalog-feed-" + config.storeId()).start(this::loop);
        return this;
    }

    /** Pulls once; returns true when HQ answered (whether or not the snapshot was newer). */
    public boolean pullOnce() {
        try {
            CatalogSnapshot snapshot = client.getCatalog();
            if (!config.storeId().equals(snapshot.storeId())) {
                throw new IllegalStateException("HQ sent the catalog of store " + snapshot.storeId());
            }
            if (snapshot.version() > currentVersion.getAsLong()) {
                apply.accept(snapshot);
                LOG.log(Level.INFO, "store=" + config.storeId() + " catalog version=" + snapshot.version()
                        + " items=" + snapshot.items().size() + " applied");
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "store=" + config.storeId() + " catalog pull failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return false;
        }
    }

    private void loop() {
        int failures = 0;
        while (running) {
            Duration wait;
            if (pullOnce()) {
                failures = 0;
                wait = config.catalogRefresh();
            } else {
                failures++;
                wait = Duration.ofMillis(Math.min(250L << Math.min(failures - 1, 16), config.maxBackoff().toMillis()));
            }
            try {
                // woken early only by close(); never interrupted (H2 file I/O must not see an interrupt)
                stopped.tryAcquire(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
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
