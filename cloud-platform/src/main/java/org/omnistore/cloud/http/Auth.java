package org.omnistore.cloud.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * Bearer-token authentication of HQ's APIs: the admin token for HQ people and tools, one token per
 * store for its edge. Tokens are compared as SHA-256 hashes in constant time.
 * (Sign-in with roles and enrolment-issued store credentials come with the security issue.)
 */
public final class Auth {

    /** Who is calling: HQ admin, or one store. */
    public record Caller(boolean admin, String storeId) {
    }

    private final byte[] adminHash;
    private final Map<String, String> storeIdByTokenHash;

    /** @param storeIdByTokenHash hex SHA-256 of each store token to its store id */
    public Auth(String adminToken, Map<String, String> storeIdByTokenHash) {
        this.adminHash = sha256(adminToken);
        this.storeIdByTokenHash = Map.copyOf(storeIdByTokenHash);
    }

    /** The caller, or a 401 problem when the token is missing or unknown. */
    public Caller require(ServerRequest req) {
        String token = req.headers().first(HeaderNames.AUTHORIZATION)
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim())
                .orElseThrow(() -> new Problems.ProblemException(Status.UNAUTHORIZED_401, "a bearer token is required"));
        byte[] hash = sha256(token);
        if (MessageDigest.isEqual(hash, adminHash)) {
            return new Caller(true, null);
        }
        return Optional.ofNullable(storeIdByTokenHash.get(hex(hash)))
                .map(store -> new Caller(false, store))
                .orElseThrow(() -> new Problems.ProblemException(Status.UNAUTHORIZED_401, "unknown token"));
    }

    public Caller requireAdmin(ServerRequest req) {
        Caller c = require(req);
        if (!c.admin()) {
            throw new Problems.ProblemException(Status.FORBIDDEN_403, "this needs the HQ admin token");
        }
        return c;
    }

    public static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }
}
