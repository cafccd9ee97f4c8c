package org.omnistore.sync.edge;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.omnistore.contracts.Versioned;
import org.omnistore.contracts.sync.SyncAck;
import org.omnistore.contracts.sync.SyncBatch;
import org.omnistore.contracts.sync.SyncEvent;
import org.omnistore.sync.outbox.Outbox;

/**
 * The edge half of the sync protocol: drains the store's outbox to HQ in sequence-ordered batches,
 * always resending from HQ's acknowledged mark, so retries and lost replies are harmless (HQ skips
 * what it already applied). While HQ is unreachable the store keeps selling; the outbox grows and the
 * agent retries with exponential backoff.
 */
public final class SyncAgent implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SyncAgent.class.getName());

    private final SyncConfig config;
    private final Outbox outbox;
    private final CloudClient client;
    private final Clock clock;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Semaphore stopped = new Semaphore(0);
    private final AtomicLong sentBatches = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private volatile boolean running;
    private Thread thread;

    private SyncAgent(SyncConfig config, Outbox outbox, Clock clock) {
        this.config = config;
        this.outbox = outbox;
        this.client = new CloudClient(config);
        this.clock = clock;
    }

    public static SyncAgent create(SyncConfig config, Outbox outbox) {
        return new SyncAgent(config, outbox, Clock.systemUTC());
    }

    /** Starts draining in a background thread. */
    public synchronized SyncAgent start() {
        if (running) {
            return this;
        }
        running = true;
        outbox.onAppend(wakeUp::release);
        thread = Thread.ofPlatform().daemon().name("sync-agent-" + config.storeId()).start(this::drainLoop);
        return this;
    }

    private void drainLoop() {
        int consecutiveFailures = 0;
        int batchLimit = config.batchSize();
        while (running) {
            try {
                List<SyncEvent> events = outbox.pending(batchLimit);
                if (events.isEmpty()) {
                    wakeUp.tryAcquire(config.idlePoll().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                    continue;
                }
                SyncAck ack = client.postBatch(new SyncBatch(Versioned.CURRENT, config.storeId(), events));
                sentBatches.incrementAndGet();
                long lastSeq = outbox.stats().lastSeq();
                if (ack.appliedThrough() > lastSeq) {
                    // HQ has applied more of this store than the store ever journaled: the store's database
                    // was restored or rebuilt. Acknowledging would purge new sales as "duplicates".
                    String msg = "store=" + config.storeId() + " HQ has applied through seq " + ack.appliedThrough()
                            + " but this store has only journaled " + lastSeq + "; sync stopped: its database was"
                            + " restored or replaced. Reconcile with HQ before selling resumes syncing";
                    LOG.log(Level.ERROR, msg);
                    lastError.set(msg);
                    pause(config.maxBackoff());
                    continue;
                }
                outbox.acknowledge(ack.appliedThrough(), clock.instant());
                batchLimit = config.batchSize();
                lastSuccess.set(clock.instant());
                if (ack.gapFrom() != null && ack.appliedThrough() < events.getFirst().seq() - 1) {
                    // HQ is behind what this store still holds: its data was lost or restored from backup.
                    String msg = "HQ reports events from seq " + ack.gapFrom() + " missing, but store="
                            + config.storeId() + " purged them after an earlier acknowledgement; restore HQ or replay from the journal";
                    LOG.log(Level.ERROR, msg);
                    lastError.set(msg);
                    pause(config.maxBackoff());
                    continue;
                }
                consecutiveFailures = 0;
                lastError.set(null);
                if (ack.applied() > 0 || ack.duplicates() > 0) {
                    LOG.log(Level.DEBUG, () -> "store=" + config.storeId() + " synced through seq=" + ack.appliedThrough());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (e instanceof CloudClient.HqRefusedException refused && refused.status == 413 && batchLimit > 1) {
                    batchLimit = Math.max(1, batchLimit / 2); // a batch of big baskets over HQ's body limit
                    LOG.log(Level.WARNING, "store=" + config.storeId() + " batch too large for HQ; sending "
                            + batchLimit + " events per batch");
                    continue;
                }
                consecutiveFailures++;
                failures.incrementAndGet();
                lastError.set(e.getClass().getSimpleName() + ": " + e.getMessage());
                Duration backoff = backoff(consecutiveFailures);
                LOG.log(Level.WARNING, "store=" + config.storeId() + " sync to HQ failed (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                        + "), attempt " + consecutiveFailures + ", retrying in " + backoff.toMillis() + " ms");
                if (!pause(backoff)) {
                    return;
                }
            }
        }
    }

    /** Exponential backoff from 250 ms, capped at {@code maxBackoff}. */
    Duration backoff(int consecutiveFailures) {
        long millis = 250L << Math.min(consecutiveFailures - 1, 16);
        return Duration.ofMillis(Math.min(millis, config.maxBackoff().toMillis()));
    }

    /**
     * Waits out a backoff; only {@link #close()} cuts it short (a new sale does not). No interrupt is
     * used anywhere: an interrupt during H2 file I/O would close the store database's file channel.
     */
    private boolean pause(Duration d) {
        try {
            stopped.tryAcquire(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return running;
    }

    /** Outbox depth, oldest unsent age, last acknowledgement and error counts, for the store API. */
    public SyncStatus status() {
        Outbox.OutboxStats stats = outbox.stats();
        Instant now = clock.instant();
        Long oldestAgeMs = stats.oldestPendingAt() == null ? null
                : Math.max(0, Duration.between(stats.oldestPendingAt(), now).toMillis());
        return new SyncStatus(config.storeId(), stats.lastSeq(), stats.ackedThrough(), stats.depth(), oldestAgeMs,
                stats.lastAckAt(), sentBatches.get(), failures.get(), lastError.get());
    }

    /**
     * @param depth        events not yet acknowledged by HQ
     * @param oldestAgeMs  age of the oldest unacknowledged event, null when none
     */
    public record SyncStatus(String storeId, long lastSeq, long ackedThrough, long depth, Long oldestAgeMs,
                             Instant lastAckAt, long batchesSent, long failures, String lastError) {
    }

    @Override
    public synchronized void close() {
        running = false;
        if (thread != null) {
            stopped.release();
            wakeUp.release();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
