package org.omnistore.sync.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.omnistore.contracts.Json;
import org.omnistore.contracts.sync.SyncEvent;
import org.omnistore.sync.Jdbc;

/**
 * The store's store-and-forward outbox in its H2 database.
 *
 * <p>{@link #append} runs inside the caller's business transaction: the event commits with the sale
 * or not at all. Sequence numbers are dense (no gaps on rollback, because the counter row is updated
 * in the same transaction) and commit in order (the counter row stays locked until commit), which is
 * what lets HQ detect a missing event instead of skipping it.
 */
public final class Outbox {

    private static final String NEXT_SEQ = """
            SELECT last_seq FROM sync_cursor WHERE id = 1 FOR UPDATE""";
    private static final String BUMP_SEQ = """
            UPDATE sync_cursor SET last_seq = ? WHERE id = 1""";
    private static final String INSERT = """
            INSERT INTO sync_outbox (seq, type, occurred_at, payload) VALUES (?, ?, ?, ?)""";
    private static final String PENDING = """
            SELECT seq, type, occurred_at, payload FROM sync_outbox
            WHERE seq > (SELECT acked_through FROM sync_cursor WHERE id = 1)
            ORDER BY seq LIMIT ?""";
    private static final String ACK = """
            UPDATE sync_cursor SET acked_through = ?, last_ack_at = ? WHERE id = 1 AND acked_through < ?""";
    private static final String PURGE = """
            DELETE FROM sync_outbox WHERE seq <= ?""";
    private static final String STATS = """
            SELECT c.last_seq, c.acked_through, c.last_ack_at,
                   (SELECT MIN(o.occurred_at) FROM sync_outbox o WHERE o.seq > c.acked_through)
            FROM sync_cursor c WHERE c.id = 1""";

    private final DataSource dataSource;
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Outbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Migrates the outbox tables (own Flyway history table) and returns the outbox. */
    public static Outbox create(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/store/sync")
                .table("flyway_history_sync")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        return new Outbox(dataSource);
    }

    /** An event to append: its type, payload (serialised as JSON) and when it happened. */
    public record NewEvent(String type, Object payload, Instant occurredAt) {
    }

    /**
     * Appends an event inside the caller's open transaction and returns its sequence number.
     * The caller commits; call {@link #signal()} after the commit to wake the sync agent.
     */
    public long append(Connection tx, String type, Object payload, Instant occurredAt) throws SQLException {
        return appendAll(tx, List.of(new NewEvent(type, payload, occurredAt)));
    }

    /**
     * Appends events in order inside the caller's open transaction, with one counter update and one
     * batched insert, and returns the sequence number of the first (the others follow densely).
     */
    public long appendAll(Connection tx, List<NewEvent> events) throws SQLException {
        long first;
        try (PreparedStatement ps = tx.prepareStatement(NEXT_SEQ); ResultSet rs = ps.executeQuery()) {
            rs.next();
            first = rs.getLong(1) + 1;
        }
        try (PreparedStatement ps = tx.prepareStatement(BUMP_SEQ)) {
            ps.setLong(1, first + events.size() - 1);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = tx.prepareStatement(INSERT)) {
            long seq = first;
            for (NewEvent e : events) {
                ps.setLong(1, seq++);
                ps.setString(2, e.type());
                ps.setTimestamp(3, Timestamp.from(e.occurredAt()));
                ps.setString(4, Json.toText(e.payload()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return first;
    }

    /** Tells listeners (the sync agent) that new events were committed. */
    public void signal() {
        listeners.forEach(Runnable::run);
    }

    public void onAppend(Runnable listener) {
        listeners.add(listener);
    }

    /** The oldest events HQ has not acknowledged, in sequence order. */
    public List<SyncEvent> pending(int limit) {
        return Jdbc.query(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(PENDING)) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<SyncEvent> events = new ArrayList<>();
                    while (rs.next()) {
                        events.add(new SyncEvent(rs.getLong(1), rs.getString(2),
                                rs.getTimestamp(3).toInstant(), Json.mapper().readTree(rs.getString(4))));
                    }
                    return events;
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("outbox holds unreadable JSON", e);
                }
            }
        });
    }

    /** Records HQ's acknowledgement and purges what it has applied. */
    public void acknowledge(long appliedThrough, Instant at) {
        Jdbc.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(ACK)) {
                ps.setLong(1, appliedThrough);
                ps.setTimestamp(2, Timestamp.from(at));
                ps.setLong(3, appliedThrough);
                ps.executeUpdate();
            }
            // Retention of acknowledged events (for audit replays) comes with the connector issue.
            try (PreparedStatement ps = c.prepareStatement(PURGE)) {
                ps.setLong(1, appliedThrough);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Depth, age and acknowledgement state of the outbox. */
    public OutboxStats stats() {
        return Jdbc.query(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(STATS); ResultSet rs = ps.executeQuery()) {
                rs.next();
                Timestamp lastAck = rs.getTimestamp(3);
                Timestamp oldest = rs.getTimestamp(4);
                return new OutboxStats(rs.getLong(1), rs.getLong(2), rs.getLong(1) - rs.getLong(2),
                        lastAck == null ? null : lastAck.toInstant(), oldest == null ? null : oldest.toInstant());
            }
        });
    }

    /**
     * Outbox state: {@code lastSeq} handed out, {@code ackedThrough} by HQ, {@code depth} not yet
     * acknowledged, when HQ last acknowledged, and when the oldest unacknowledged event happened.
     */
    public record OutboxStats(long lastSeq, long ackedThrough, long depth, Instant lastAckAt,
                              Instant oldestPendingAt) {
    }
}
