package org.omnistore.cloud.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.omnistore.cloud.CloudConfig.StoreSeed;

/**
 * Bearer-token authentication of HQ's APIs: the admin token for HQ people and tools, one token per
 * store for its edge. Only the configured stores' tokens are accepted (a store removed from the config
 * can no longer sync); tokens are looked up by their SHA-256 hash, so no token is held in clear
 * after start and the comparison does not leak a prefix through timing.
 * (Sign-in with roles and enrolment-issued store credentials come with the security issue.)
 */
public final class Auth {

    /** Who is calling: HQ admin ({@code storeId} null), or one store. */
    public record Caller(boolean admin, String storeId) {
    }

    private final byte[] adminHash;
    private final Map<String, String> storeIdByTokenHash;

    private Auth(byte[] adminHash, Map<String, String> storeIdByTokenHash) {
        this.adminHash = adminHash;
        this.storeIdByTokenHash = Map.copyOf(storeIdByTokenHash);
    }

    public static Auth create(String adminToken, List<StoreSeed> stores) {
        Map<String, String> byHash = new HashMap<>();
        for (StoreSeed s : stores) {
            byHash.put(sha256Hex(s.token()), s.id());
        }
        return new Auth(sha256(adminToken), byHash);
    }

    /** The caller, or a 401 problem when the token is missing or unknown. */
    public Caller require(ServerRequest req) {
        String token = req.headers().first(HeaderNames.AUTHORIZATION)
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim())
                .filter(t -> !t.isEmpty())
                .orElseThrow(() -> new Problems.ProblemException(Status.UNAUTHORIZED_401,
                        "an Authorization: Bearer token is required"));
        byte[] hash = sha256(token);
        if (MessageDigest.isEqual(hash, adminHash)) {
            return new Caller(true, null);
        }
        String store = storeIdByTokenHash.get(HexFormat.of().formatHex(hash));
        if (store == null) {
            throw new Problems.ProblemException(Status.UNAUTHORIZED_401, "unknown token");
        }
        return new Caller(false, store);
    }

    /** The admin caller; 401 without a known token, 403 for a store token. */
    public Caller requireAdmin(ServerRequest req) {
        Caller c = require(req);
        if (!c.admin()) {
            throw new Problems.ProblemException(Status.FORBIDDEN_403, "this needs the HQ admin token");
        }
        return c;
    }

    /** Hex SHA-256 of a token, as stored in {@code store.token_sha256}. */
    public static String sha256Hex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
