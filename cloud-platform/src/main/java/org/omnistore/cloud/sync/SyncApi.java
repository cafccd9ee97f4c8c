package org.omnistore.cloud.sync;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import javax.sql.DataSource;
import org.omnistore.cloud.db.Sql;
import org.omnistore.cloud.http.Auth;
import org.omnistore.cloud.http.Problems.ProblemException;
import org.omnistore.contracts.Json;
import org.omnistore.contracts.sync.SyncAck;
import org.omnistore.contracts.sync.SyncBatch;
import org.omnistore.sync.ingest.SyncIngest;

/** HQ's sync ingest: {@code POST /api/v1/sync/batches}, authenticated by the store's own token. */
public final class SyncApi {

    /** Largest request body accepted, compressed or not (a full batch of sales is far below). */
    private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

    private final DataSource dataSource;
    private final Auth auth;
    private final AtomicLong eventsApplied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();

    public SyncApi(DataSource dataSource, Auth auth) {
        this.dataSource = dataSource;
        this.auth = auth;
    }

    public void routing(HttpRouting.Builder rules) {
        rules.post("/api/v1/sync/batches", this::postBatch);
    }

    public long eventsApplied() {
        return eventsApplied.get();
    }

    public long duplicates() {
        return duplicates.get();
    }

    private void postBatch(ServerRequest req, ServerResponse res) throws IOException {
        Auth.Caller caller = auth.require(req);
        SyncBatch batch = Json.read(body(req), SyncBatch.class);
        SyncIngest.validate(batch);
        if (caller.admin() || !caller.storeId().equals(batch.storeId())) {
            throw new ProblemException(Status.FORBIDDEN_403, "this token may not write for store " + batch.storeId());
        }
        SyncAck ack = Sql.inTransaction(dataSource, c -> SyncIngest.ingest(batch, new PgIngestLedger(c)));
        eventsApplied.addAndGet(ack.applied());
        duplicates.addAndGet(ack.duplicates());
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.toBytes(ack));
    }

    /** The request body, gunzipped when the store compressed it (stores always do). */
    private static byte[] body(ServerRequest req) throws IOException {
        byte[] raw;
        try (InputStream in = req.content().inputStream()) {
            raw = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        // Helidon's gzip encoding normally decodes the body already; check the gzip magic bytes, not the
        // header, so the body is decoded exactly once whichever way it arrives
        boolean gzip = raw.length > 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b;
        if (gzip) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                raw = in.readNBytes(MAX_BODY_BYTES + 1);
            } catch (IOException e) {
                throw new ProblemException(Status.BAD_REQUEST_400, "body is not valid gzip");
            }
        }
        if (raw.length > MAX_BODY_BYTES) {
            throw new ProblemException(Status.REQUEST_ENTITY_TOO_LARGE_413, "batch body over " + MAX_BODY_BYTES + " bytes");
        }
        return raw;
    }
}
