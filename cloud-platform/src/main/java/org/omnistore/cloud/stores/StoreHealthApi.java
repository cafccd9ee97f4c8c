package org.omnistore.cloud.stores;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.omnistore.cloud.db.Sql;
import org.omnistore.cloud.http.Auth;
import org.omnistore.cloud.http.Problems.ProblemException;
import org.omnistore.contracts.Json;
import org.omnistore.contracts.sync.StoreHeartbeat;

/**
 * Store health at HQ: stores report a heartbeat; HQ lists every store with its last report, whether it
 * is online, and how far HQ's applied sequence lags behind what the store has journaled.
 */
public final class StoreHealthApi implements HttpService {

    /** A store is offline after three missed beats at the store's default 15 s interval. */
    static final Duration OFFLINE_AFTER = Duration.ofSeconds(45);
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private static final String UPSERT = """
            INSERT INTO store_health (store_id, received_at, reported_at, last_seq, acked_through, outbox_depth,
                                      oldest_pending_age_ms, sync_failures, catalog_version, terminals_online)
            VALUES (?, now(), ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (store_id) DO UPDATE SET received_at = now(), reported_at = EXCLUDED.reported_at,
                last_seq = EXCLUDED.last_seq, acked_through = EXCLUDED.acked_through,
                outbox_depth = EXCLUDED.outbox_depth, oldest_pending_age_ms = EXCLUDED.oldest_pending_age_ms,
                sync_failures = EXCLUDED.sync_failures, catalog_version = EXCLUDED.catalog_version,
                terminals_online = EXCLUDED.terminals_online""";
    private static final String LIST = """
            SELECT s.id, s.name, s.currency, h.received_at, h.last_seq, h.outbox_depth, h.oldest_pending_age_ms,
                   h.sync_failures, h.catalog_version, h.terminals_online, coalesce(ss.applied_through, 0),
                   h.received_at > now() - make_interval(secs => ?)
            FROM store s
            LEFT JOIN store_health h ON h.store_id = s.id
            LEFT JOIN sync_state ss ON ss.store_id = s.id
            ORDER BY s.id""";

    private final DataSource dataSource;
    private final Auth auth;

    public StoreHealthApi(DataSource dataSource, Auth auth) {
        this.dataSource = dataSource;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/api/v1/stores/{storeId}/heartbeat", this::postHeartbeat)
                .get("/api/v1/stores", this::listStores);
    }

    /**
     * One store as HQ sees it. {@code lag} is how many events the store has journaled that HQ has not
     * applied, as of the last heartbeat; null fields mean the store never reported.
     */
    public record StoreHealth(String storeId, String name, String currency, boolean online, Instant lastHeartbeatAt,
                              Long outboxDepth, Long oldestPendingAgeMs, Long lag, Long syncFailures,
                              Long catalogVersion, Integer terminalsOnline) {
    }

    record StoreList(List<StoreHealth> stores, Instant generatedAt) {
    }

    private void postHeartbeat(ServerRequest req, ServerResponse res) throws IOException {
        Auth.Caller caller = auth.require(req);
        String storeId = req.path().pathParameters().get("storeId");
        if (caller.admin() || !caller.storeId().equals(storeId)) {
            throw new ProblemException(Status.FORBIDDEN_403, "a store may report only its own health");
        }
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new ProblemException(Status.REQUEST_ENTITY_TOO_LARGE_413, "a heartbeat is at most 64 KiB");
        }
        StoreHeartbeat hb = Json.read(body, StoreHeartbeat.class);
        if (!storeId.equals(hb.storeId()) || hb.at() == null || hb.lastSeq() < 0 || hb.ackedThrough() < 0
                || hb.outboxDepth() < 0 || hb.syncFailures() < 0 || hb.terminalsOnline() < 0) {
            throw new ProblemException(Status.BAD_REQUEST_400,
                    "heartbeat needs this store's id, a time and non-negative counters");
        }
        Sql.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                ps.setString(1, storeId);
                ps.setTimestamp(2, Timestamp.from(hb.at()));
                ps.setLong(3, hb.lastSeq());
                ps.setLong(4, hb.ackedThrough());
                ps.setLong(5, hb.outboxDepth());
                ps.setObject(6, hb.oldestPendingAgeMs());
                ps.setLong(7, hb.syncFailures());
                ps.setLong(8, hb.catalogVersion());
                ps.setInt(9, hb.terminalsOnline());
                ps.executeUpdate();
            }
            return null;
        });
        res.status(Status.NO_CONTENT_204).send();
    }

    private void listStores(ServerRequest req, ServerResponse res) {
        auth.requireAdmin(req);
        List<StoreHealth> stores = Sql.query(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(LIST)) {
                ps.setLong(1, OFFLINE_AFTER.toSeconds());
                try (ResultSet rs = ps.executeQuery()) {
                    List<StoreHealth> out = new ArrayList<>();
                    while (rs.next()) {
                        Timestamp at = rs.getTimestamp(4);
                        boolean reported = at != null;
                        long lastSeq = rs.getLong(5);
                        out.add(new StoreHealth(rs.getString(1), rs.getString(2), rs.getString(3).trim(),
                                reported && rs.getBoolean(12), reported ? at.toInstant() : null,
                                reported ? rs.getLong(6) : null, (Long) rs.getObject(7),
                                reported ? Math.max(0, lastSeq - rs.getLong(11)) : null,
                                reported ? rs.getLong(8) : null, reported ? rs.getLong(9) : null,
                                reported ? rs.getInt(10) : null));
                    }
                    return out;
                }
            }
        });
        res.send(Json.toBytes(new StoreList(stores, Instant.now())));
    }
}
