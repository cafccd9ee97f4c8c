package org.omnistore.sync.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPOutputStream;
import org.omnistore.contracts.Json;
import org.omnistore.contracts.catalog.CatalogSnapshot;
import org.omnistore.contracts.sync.SyncAck;
import org.omnistore.contracts.sync.SyncBatch;
import org.omnistore.contracts.sync.StoreHeartbeat;

/**
 * The store's HTTP client of HQ's sync API, authenticated with the store's own token.
 * Uses the JDK's HTTP client: one well-kept library fewer to ship on every edge node.
 */
final class CloudClient {

    private final SyncConfig config;
    private final HttpClient http;

    CloudClient(SyncConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.requestTimeout()).build();
    }

    /** Sends a batch gzip-compressed and returns HQ's acknowledgement. */
    SyncAck postBatch(SyncBatch batch) throws IOException, InterruptedException {
        HttpRequest request = request("/api/v1/sync/batches")
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(Json.toBytes(batch))))
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        requireOk(response, "sync batch");
        return Json.read(response.body(), SyncAck.class);
    }

    /** Reports the store's health; HQ answers 204. */
    void postHeartbeat(StoreHeartbeat heartbeat) throws IOException, InterruptedException {
        HttpRequest request = request("/api/v1/stores/" + config.storeId() + "/heartbeat")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.toBytes(heartbeat)))
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 204 && response.statusCode() != 200) {
            requireOk(response, "heartbeat");
        }
    }

    /** Fetches the store's current catalog snapshot. */
    CatalogSnapshot getCatalog() throws IOException, InterruptedException {
        HttpRequest request = request("/api/v1/stores/" + config.storeId() + "/catalog").GET().build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        requireOk(response, "catalog pull");
        return Json.read(response.body(), CatalogSnapshot.class);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(config.cloudUrl() + path))
                .timeout(config.requestTimeout())
                .header("Authorization", "Bearer " + config.storeToken())
                .header("Accept", "application/json");
    }

    private static void requireOk(HttpResponse<byte[]> response, String what) throws IOException {
        if (response.statusCode() != 200) {
            String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
            throw new HqRefusedException(response.statusCode(),
                    what + " refused by HQ: HTTP " + response.statusCode() + " " + abbreviate(body));
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    /** HQ answered, but not with success: a configuration or protocol problem, not a network one. */
    static final class HqRefusedException extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;

        HqRefusedException(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
