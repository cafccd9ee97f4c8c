package org.omnistore.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;
import org.omnistore.cloud.CloudConfig.StoreSeed;
import org.omnistore.contracts.Json;
import org.omnistore.contracts.sale.Sale;
import org.omnistore.contracts.sync.SyncBatch;
import org.omnistore.contracts.sync.SyncEvent;

/** A started HQ for integration tests, with an HTTP client and builders for batches. */
final class Hq implements AutoCloseable {

    static final String ADMIN = "admin-token-0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final CloudPlatform platform;
    final String base;

    private Hq(CloudPlatform platform) {
        this.platform = platform;
        this.base = platform.baseUri();
    }

    /** Starts HQ on {@code jdbcUrl}, or embedded PostgreSQL in {@code embeddedDir} when the URL is null. */
    static Hq start(String jdbcUrl, Path embeddedDir, StoreSeed... stores) {
        return start(CloudConfig.forTests(jdbcUrl, embeddedDir, ADMIN, stores));
    }

    static Hq start(CloudConfig config) {
        return new Hq(CloudPlatform.create(config).start());
    }

    /** A store whose token is derived from its id. */
    static StoreSeed store(String id, String currency) {
        return new StoreSeed(id, "Store " + id, currency, token(id));
    }

    static String token(String storeId) {
        return "token-of-" + storeId + "-0123456789";
    }

    DataSource db() {
        return platform.dataSource();
    }

    @Override
    public void close() {
        platform.close();
    }

    // --- HTTP -------------------------------------------------------------------------------------

    record Reply(int status, String contentType, String body, HttpResponse<byte[]> raw) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    Reply get(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        return send(b, token);
    }

    Reply post(String path, String token, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b, token);
    }

    Reply postBatch(String token, SyncBatch batch) {
        return post("/api/v1/sync/batches", token, Json.toBytes(batch));
    }

    Reply postBatchGzip(String token, SyncBatch batch) {
        return post("/api/v1/sync/batches", token, gzip(Json.toBytes(batch)), "Content-Encoding", "gzip");
    }

    private static Reply send(HttpRequest.Builder b, String token) {
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> r = HTTP.send(b.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                    new String(r.body(), StandardCharsets.UTF_8), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // --- payloads ---------------------------------------------------------------------------------

    /** A sale event at {@code seq} totalling {@code totalMinor} (two lines, one card tender). */
    static SyncEvent saleEvent(String storeId, long seq, long totalMinor) {
        long first = totalMinor / 2;
        Sale sale = new Sale(1, storeId, storeId + "-sale-" + seq, "till-1", "tx-" + seq, Instant.now(), "EUR",
                List.of(new Sale.Line("OAT-MILK-1L", "Oat milk 1 l", 1, first, first, 700, first * 700 / 10_700),
                        new Sale.Line("BREAD-RYE", "Rye bread 750 g", 1, totalMinor - first, totalMinor - first, 700, 0)),
                totalMinor, first * 700 / 10_700, List.of(new Sale.Tender("CARD", totalMinor, "tok_" + seq)), 0);
        return new SyncEvent(seq, Sale.EVENT_TYPE, Instant.now(), Json.toTree(sale));
    }

    /** Sale events {@code from..to}, each of {@code totalMinor}. */
    static SyncBatch sales(String storeId, long from, long to, long totalMinor) {
        List<SyncEvent> events = new ArrayList<>();
        for (long seq = from; seq <= to; seq++) {
            events.add(saleEvent(storeId, seq, totalMinor));
        }
        return new SyncBatch(1, storeId, events);
    }

    static SyncBatch batch(String storeId, SyncEvent... events) {
        return new SyncBatch(1, storeId, List.of(events));
    }

    // --- database ---------------------------------------------------------------------------------

    long count(String sql, Object... args) {
        try (Connection c = db().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The summary entry of one store. */
    JsonNode summaryOf(String storeId) {
        Reply r = get("/api/v1/sales/summary", ADMIN);
        if (r.status() != 200) {
            throw new IllegalStateException("summary: " + r.status() + " " + r.body());
        }
        for (JsonNode s : r.json().get("stores")) {
            if (s.get("storeId").asText().equals(storeId)) {
                return s;
            }
        }
        throw new IllegalStateException("no store " + storeId + " in " + r.body());
    }
}
