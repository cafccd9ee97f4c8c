package org.omnistore.pos.sale;

import java.sql.Statement;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.omnistore.sync.Jdbc;

/**
 * When a committed sale counts as safe, before its receipt goes out.
 *
 * <p>The store's H2 database is opened with {@code WRITE_DELAY=0}, so every commit reaches the
 * operating system: a crash of the process loses nothing. {@link #FSYNC} also survives power loss:
 * it waits until an {@code fsync} covers the commit. Concurrent sales share one fsync (group commit:
 * the first waiter syncs for everyone committed so far, the others wait for it).
 */
public abstract sealed class Durability permits Durability.ProcessCrashSafe, Durability.GroupFsync {

    /** Called after a commit; returns once the commit is as durable as this policy promises. */
    public abstract void awaitDurable();

    /** The policy named in configuration: {@code fsync} (default) or {@code write}. */
    public static Durability of(String name, DataSource dataSource) {
        return switch (name) {
            case "fsync" -> new GroupFsync(dataSource);
            case "write" -> new ProcessCrashSafe();
            default -> throw new IllegalArgumentException("store.journal.durability must be fsync or write, got '" + name + "'");
        };
    }

    /** Commits reach the OS page cache (H2 {@code WRITE_DELAY=0}); a process crash loses nothing. */
    static final class ProcessCrashSafe extends Durability {
        @Override
        public void awaitDurable() {
            // the commit itself wrote to the file
        }
    }

    /** Waits for an fsync ({@code CHECKPOINT SYNC}) that covers the caller's commit, shared by concurrent callers. */
    static final class GroupFsync extends Durability {
        private final DataSource dataSource;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition synced = lock.newCondition();
        private long requested;
        private long syncedThrough;
        private boolean syncing;

        GroupFsync(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public void awaitDurable() {
            lock.lock();
            try {
                long mine = ++requested;
                while (syncedThrough < mine) {
                    if (syncing) {
                        synced.awaitUninterruptibly();
                        continue;
                    }
                    syncing = true;
                    long target = requested; // every request so far was made after its commit
                    lock.unlock();
                    boolean ok = false;
                    try {
                        Jdbc.query(dataSource, c -> {
                            try (Statement s = c.createStatement()) {
                                s.execute("CHECKPOINT SYNC");
                            }
                            return null;
                        });
                        ok = true;
                    } finally {
                        lock.lock();
                        syncing = false;
                        if (ok) {
                            syncedThrough = Math.max(syncedThrough, target);
                        }
                        synced.signalAll();
                    }
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
