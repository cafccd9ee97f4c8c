package org.omnistore.cloud.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import org.omnistore.contracts.Json;
import org.omnistore.contracts.PayloadException;

/**
 * RFC 9457 {@code application/problem+json}: HQ's one error mapping, registered once on the routing.
 * Handlers throw {@link ProblemException} for expected refusals; unreadable payloads
 * ({@link PayloadException}) become 400; Helidon's own HTTP errors (unknown route 404, 405, bad
 * request) keep their status; anything else is a 500 whose reply never carries the exception text.
 */
public final class Problems {

    private static final System.Logger LOG = System.getLogger(Problems.class.getName());
    private static final String PROBLEM_JSON = "application/problem+json";

    /** RFC 9110 name; Helidon 4.5 has no constant for 422. */
    public static final Status UNPROCESSABLE_422 = Status.create(422, "Unprocessable Content");

    private Problems() {
    }

    /** An expected refusal with its HTTP status; the message is the problem's {@code detail}, shown to the caller. */
    public static final class ProblemException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Status status;

        public ProblemException(Status status, String detail) {
            super(detail);
            this.status = status;
        }

        public Status status() {
            return status;
        }
    }

    /** The problem body; {@code type} stays {@code about:blank} until HQ documents problem types. */
    record Problem(String type, String title, int status, String detail) {
    }

    /** Registers the error mapping on the routing. */
    public static void register(HttpRouting.Builder routing) {
        routing.error(ProblemException.class, (req, res, e) -> send(res, e.status(), e.getMessage()))
                .error(PayloadException.class, (req, res, e) -> send(res, Status.BAD_REQUEST_400, e.getMessage()))
                .error(HttpException.class, Problems::http)
                .error(Exception.class, Problems::internal);
    }

    private static void http(ServerRequest req, ServerResponse res, HttpException e) {
        Status status = e.status();
        if (status.code() >= 500) {
            internal(req, res, e);
        } else if (status.code() == 404) {
            // Helidon's message for an unmatched route is generic: name the path instead
            send(res, status, "no such resource: " + req.prologue().method().text() + " " + req.path().path());
        } else {
            send(res, status, e.getMessage());
        }
    }

    private static void internal(ServerRequest req, ServerResponse res, Exception e) {
        LOG.log(Level.ERROR, "HQ API " + req.prologue().method().text() + " " + req.path().path() + " failed", e);
        send(res, Status.INTERNAL_SERVER_ERROR_500, "HQ could not complete the request; the error was logged");
    }

    private static void send(ServerResponse res, Status status, String detail) {
        res.status(status);
        if (status.code() == 401) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
        }
        res.header(HeaderNames.CONTENT_TYPE, PROBLEM_JSON);
        res.send(Json.toBytes(new Problem("about:blank", status.reasonPhrase(), status.code(), detail)));
    }
}
