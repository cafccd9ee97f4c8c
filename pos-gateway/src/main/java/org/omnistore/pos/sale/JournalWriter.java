package org.omnistore.pos.sale;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The journal's single writer: sales completed concurrently at many terminals are written in small
 * batches, one transaction and one fsync per batch, instead of one each. H2 writes a chunk per commit
 * and the outbox counter serialises sale transactions anyway, so batching is what lets a store keep up
 * with a rush; a lone sale still goes out at once (the writer never waits to fill a batch).
 *
 * <p>If a batch fails, each of its sales is retried alone, so one bad sale cannot fail the others.
 */
final class JournalWriter implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(JournalWriter.class.getName());

    private record Request(SaleJournal.Pending pending, CompletableFuture<Optional<SaleJournal.Journaled>> result) {
    }

    private final SaleJournal journal;
    private final Durability durability;
    private final int maxBatch;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    JournalWriter(SaleJournal journal, Durability durability, int maxBatch, String storeId) {
        this.journal = journal;
        this.durability = durability;
        this.maxBatch = maxBatch;
        this.thread = Thread.ofPlatform().daemon().name("journal-writer-" + storeId).start(this::run);
    }

    /**
     * Queues a sale; the future completes once it is durable (empty) or with the sale journaled earlier
     * under the same terminal transaction id, or fails if it could not be written.
     */
    CompletableFuture<Optional<SaleJournal.Journaled>> submit(SaleJournal.Pending pending) {
        CompletableFuture<Optional<SaleJournal.Journaled>> f = new CompletableFuture<>();
        Request request = new Request(pending, f);
        queue.add(request);
        // closed meanwhile (or the writer died): nobody will take it, so fail it here
        if ((!running || !thread.isAlive()) && queue.remove(request)) {
            f.completeExceptionally(new IllegalStateException("the journal is closed"));
        }
        return f;
    }

    private void run() {
        List<Request> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Request first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Throwable t) {
                // an Error (e.g. out of memory): fail this batch's sales, keep the writer alive
                LOG.log(Level.ERROR, "journal writer failed", t);
                batch.forEach(r -> r.result().completeExceptionally(t));
            } finally {
                batch.clear();
            }
        }
        for (Request r; (r = queue.poll()) != null; ) {
            r.result().completeExceptionally(new IllegalStateException("the journal closed before this sale was written"));
        }
    }

    private void write(List<Request> batch) {
        try {
            List<Optional<SaleJournal.Journaled>> results = journal.recordAll(batch.stream().map(Request::pending).toList());
            durability.awaitDurable();
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException batchFailure) {
            if (batch.size() == 1) {
                batch.getFirst().result().completeExceptionally(batchFailure);
                return;
            }
            LOG.log(Level.WARNING, "journal batch of " + batch.size() + " failed (" + batchFailure.getMessage()
                    + "); writing its sales one by one");
            for (Request r : batch) {
                write(List.of(r));
            }
        }
    }

    @Override
    public void close() {
        running = false;
        // no interrupt: an interrupted thread in the middle of file I/O would close H2's file channel
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
