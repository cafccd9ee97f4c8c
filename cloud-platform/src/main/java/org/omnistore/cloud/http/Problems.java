package org.omnistore.cloud.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import org.omnistore.contracts.Json;
import org.omnistore.contracts.PayloadException;

/** RFC 9457 problem+json: HQ's one error mapping. A 500 never shows internals. */
public final class Problems {

    private static final System.Logger LOG = System.getLogger(Problems.class.getName());

    private Problems() {
    }

    /** An error with its HTTP status, raised by handlers. */
    public static final class ProblemException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Status status;

        public ProblemException(Status status, String detail) {
            super(detail);
            this.status = status;
        }
    }

    record Problem(String type, String title, int status, String detail) {
    }

    /** Registers the error mapping and a problem+json 404 for unknown API paths. */
    public static void register(HttpRouting.Builder rules) {
        rules.error(ProblemException.class, (req, res, e) -> send(res, e.status, e.getMessage()))
                .error(PayloadException.class, (req, res, e) -> send(res, Status.BAD_REQUEST_400, e.getMessage()))
                .error(IllegalArgumentException.class, (req, res, e) -> send(res, Status.BAD_REQUEST_400, e.getMessage()))
                .error(Exception.class, Problems::internal);
    }

    public static void notFoundFallback(HttpRouting.Builder rules) {
        rules.any("/api/*", (req, res) -> send(res, Status.NOT_FOUND_404, "no such resource: " + req.path().path()));
    }

    private static void internal(ServerRequest req, ServerResponse res, Exception e) {
        LOG.log(Level.ERROR, "HQ API " + req.prologue().method() + " " + req.path().path() + " failed", e);
        send(res, Status.INTERNAL_SERVER_ERROR_500, "HQ could not complete the request; it was logged");
    }

    public static void send(ServerResponse res, Status status, String detail) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/problem+json");
        res.send(Json.toBytes(new Problem("about:blank", status.reasonPhrase(), status.code(), detail)));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
