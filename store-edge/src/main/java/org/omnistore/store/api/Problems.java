package org.omnistore.store.api;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import org.omnistore.contracts.Json;

/** RFC 9457 problem+json responses: the one error mapping of the store API. A 500 never shows internals. */
final class Problems {

    private static final System.Logger LOG = System.getLogger(Problems.class.getName());

    private Problems() {
    }

    record Problem(String type, String title, int status, String detail) {
    }

    static void handle(ServerRequest req, ServerResponse res, Exception e) {
        if (e instanceof IllegalArgumentException) {
            send(res, Status.BAD_REQUEST_400, e.getMessage());
            return;
        }
        LOG.log(Level.ERROR, "store API " + req.prologue().method() + " " + req.path().path() + " failed", e);
        send(res, Status.INTERNAL_SERVER_ERROR_500, "the store could not answer; see the store log");
    }

    static void notFoundFallback(HttpRouting.Builder rules) {
        rules.any("/api/*", (req, res) -> send(res, Status.NOT_FOUND_404, "no such resource: " + req.path().path()));
    }

    static void send(ServerResponse res, Status status, String detail) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/problem+json");
        Problem p = new Problem("about:blank", status.reasonPhrase(), status.code(), detail);
        res.send(Json.toText(p).getBytes(StandardCharsets.UTF_8));
    }
}
