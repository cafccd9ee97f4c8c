package org.omnistore.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP proxy between a store and HQ that misbehaves like a bad WAN, on a seeded schedule:
 * it fails requests before they reach HQ, loses HQ's reply after HQ applied the batch, delivers a
 * request twice, replays an earlier sync batch out of order, and delays. The store sees only failures
 * and slowness; HQ sees duplicates and reordering.
 */
final class FaultyProxy implements AutoCloseable {

    enum Fault { NONE, FAIL_BEFORE, LOSE_REPLY, DUPLICATE, REPLAY_EARLIER, DELAY }

    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "transfer-encoding",
            "keep-alive", "upgrade");

    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String target;
    private final Random random;
    private final Map<Fault, AtomicLong> counts = new ConcurrentHashMap<>();
    private volatile byte[] earlierBatch;
    private volatile Map<String, List<String>> earlierHeaders;

    FaultyProxy(String target, long seed) throws IOException {
        this.target = target;
        this.random = new Random(seed);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long count(Fault f) {
        AtomicLong n = counts.get(f);
        return n == null ? 0 : n.get();
    }

    private synchronized Fault next() {
        int r = random.nextInt(100);
        if (r < 15) {
            return Fault.FAIL_BEFORE;
        } else if (r < 30) {
            return Fault.LOSE_REPLY;
        } else if (r < 40) {
            return Fault.DUPLICATE;
        } else if (r < 50) {
            return Fault.REPLAY_EARLIER;
        } else if (r < 60) {
            return Fault.DELAY;
        }
        return Fault.NONE;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = ex.getRequestURI().toString();
            boolean batch = path.startsWith("/api/v1/sync/batches");
            Fault fault = next();
            if (fault == Fault.REPLAY_EARLIER && (!batch || earlierBatch == null)) {
                fault = Fault.NONE;
            }
            counts.computeIfAbsent(fault, k -> new AtomicLong()).incrementAndGet();
            switch (fault) {
                case FAIL_BEFORE -> {
                    reply(ex, 503, "proxy: upstream unreachable".getBytes());
                    return;
                }
                case DELAY -> Thread.sleep(300);
                case REPLAY_EARLIER -> forward(ex.getRequestMethod(), path, earlierHeaders, earlierBatch);
                default -> {
                }
            }
            HttpResponse<byte[]> response = forward(ex.getRequestMethod(), path, ex.getRequestHeaders(), body);
            if (fault == Fault.DUPLICATE) {
                response = forward(ex.getRequestMethod(), path, ex.getRequestHeaders(), body);
            }
            if (batch) {
                earlierBatch = body;
                earlierHeaders = Map.copyOf(ex.getRequestHeaders());
            }
            if (fault == Fault.LOSE_REPLY) {
                reply(ex, 504, "proxy: reply lost".getBytes());
                return;
            }
            response.headers().firstValue("Content-Type").ifPresent(v -> ex.getResponseHeaders().set("Content-Type", v));
            reply(ex, response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            reply(ex, 502, ("proxy: " + e.getMessage()).getBytes());
        }
    }

    private HttpResponse<byte[]> forward(String method, String path, Map<String, List<String>> headers, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + path)).timeout(Duration.ofSeconds(5))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> b.header(name, v));
            }
        });
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void reply(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
