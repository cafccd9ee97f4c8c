package org.omnistore.cloud.sync;

import io.helidon.http.Status;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Timer;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import javax.sql.DataSource;
import org.omnistore.cloud.db.Sql;
import org.omnistore.cloud.http.Auth;
import org.omnistore.cloud.http.Problems.ProblemException;
import org.omnistore.contracts.Json;
import org.omnistore.contracts.PayloadException;
import org.omnistore.contracts.sync.SyncAck;
import org.omnistore.contracts.sync.SyncBatch;
import org.omnistore.contracts.sync.SyncEvent;
import org.omnistore.sync.ingest.SyncIngest;

/**
 * HQ's sync ingest, {@code POST /api/v1/sync/batches}: a store's outbox batch, authenticated by the
 * store's own token, applied exactly once in one PostgreSQL transaction through {@link SyncIngest}.
 * Bodies may be gzip-compressed ({@code Content-Encoding: gzip}); the web server decodes them.
 */
public final class SyncApi implements HttpService {

    private static final System.Logger LOG = System.getLogger(SyncApi.class.getName());

    /** Largest decoded request body accepted; a full batch of sales is far below, and a gzip bomb stops here. */
    private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

    private final DataSource dataSource;
    private final Auth auth;
    private final Counter eventsApplied;
    private final Counter duplicates;
    private final Counter gaps;
    private final Timer ingestTime;

    public SyncApi(DataSource dataSource, Auth auth, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.auth = auth;
        this.eventsApplied = meters.getOrCreate(Counter.builder("omnistore.sync.events.applied")
                .description("store events applied at HQ (each store sequence number once)"));
        this.duplicates = meters.getOrCreate(Counter.builder("omnistore.sync.events.duplicate")
                .description("store events received again and skipped (retries, replays)"));
        this.gaps = meters.getOrCreate(Counter.builder("omnistore.sync.batches.gap")
                .description("batches that skipped sequence numbers HQ has not seen"));
        this.ingestTime = meters.getOrCreate(Timer.builder("omnistore.sync.batch.ingest")
                .description("time to apply one batch in its database transaction"));
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/api/v1/sync/batches", this::postBatch);
    }

    private void postBatch(ServerRequest req, ServerResponse res) {
        Auth.Caller caller = auth.require(req);
        SyncBatch batch = Json.read(body(req), SyncBatch.class);
        validate(batch);
        if (caller.admin() || !caller.storeId().equals(batch.storeId())) {
            throw new ProblemException(Status.FORBIDDEN_403, "this token may not write for store " + batch.storeId());
        }
        Timer.Sample sample = Timer.start();
        SyncAck ack = Sql.inTransaction(dataSource, c -> SyncIngest.ingest(batch, new PgIngestLedger(c)));
        sample.stop(ingestTime);
        eventsApplied.increment(ack.applied());
        duplicates.increment(ack.duplicates());
        if (ack.gapFrom() != null) {
            gaps.increment();
            LOG.log(Level.WARNING, "store=" + ack.storeId() + " batch from seq=" + batch.events().getFirst().seq()
                    + " has a gap: expected seq=" + ack.gapFrom() + "; applied=" + ack.applied());
        }
        LOG.log(Level.DEBUG, () -> "store=" + ack.storeId() + " batch applied=" + ack.applied() + " duplicates="
                + ack.duplicates() + " appliedThrough=" + ack.appliedThrough());
        res.send(ack);
    }

    /** The protocol's own checks plus what the ledger needs, all before any database work. */
    private static void validate(SyncBatch batch) {
        SyncIngest.validate(batch);
        for (SyncEvent e : batch.events()) {
            if (e.occurredAt() == null) {
                throw new PayloadException("event seq " + e.seq() + " has no occurredAt");
            }
        }
    }

    /** The request body, already gunzipped by the server when the store sent it compressed. */
    private static byte[] body(ServerRequest req) {
        byte[] raw;
        try (InputStream in = req.content().inputStream()) {
            raw = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException | UncheckedIOException e) {
            // a corrupt gzip stream or a body cut short: the client's fault, and nothing was applied
            throw new ProblemException(Status.BAD_REQUEST_400, "request body could not be read (corrupt gzip?)");
        }
        if (raw.length > MAX_BODY_BYTES) {
            throw new ProblemException(Status.REQUEST_ENTITY_TOO_LARGE_413, "batch body over " + MAX_BODY_BYTES + " bytes");
        }
        if (raw.length == 0) {
            throw new ProblemException(Status.BAD_REQUEST_400, "request body is empty; a SyncBatch JSON is expected");
        }
        return raw;
    }
}
