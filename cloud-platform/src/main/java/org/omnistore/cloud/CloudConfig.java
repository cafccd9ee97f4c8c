package org.omnistore.cloud;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.omnistore.contracts.Ids;
import org.omnistore.contracts.Money;

/**
 * HQ configuration, read from Helidon config (system properties over environment variables over the
 * classpath {@code application.yaml}, which documents every key and its environment variable name).
 * Every default and bound check lives here, so a bad setting stops the start with a message that names
 * the key.
 *
 * @param host             bind address ({@code server.host})
 * @param port             HTTP port, 0 = any free port ({@code server.port})
 * @param databaseUrl      PostgreSQL JDBC URL; empty = start embedded PostgreSQL ({@code cloud.database.url})
 * @param databaseUser     user for {@code databaseUrl} ({@code cloud.database.user})
 * @param databasePassword password for {@code databaseUrl} ({@code cloud.database.password})
 * @param poolSize         connection pool size ({@code cloud.database.pool-size})
 * @param embeddedDir      data directory of the embedded PostgreSQL ({@code cloud.database.embedded-dir})
 * @param embeddedPort     port of the embedded PostgreSQL, 0 = any free port ({@code cloud.database.embedded-port})
 * @param adminToken       bearer token for HQ APIs ({@code cloud.admin-token}, required, at least 16 characters)
 * @param stores           stores allowed to sync, with their tokens ({@code cloud.stores})
 * @param demoCatalog      seed the demo catalog when the catalog is empty ({@code cloud.demo-catalog})
 */
public record CloudConfig(String host, int port, String databaseUrl, String databaseUser, String databasePassword,
                          int poolSize, Path embeddedDir, int embeddedPort, String adminToken, List<StoreSeed> stores,
                          boolean demoCatalog) {

    /** Shortest token accepted: 16 characters keep guessing out of reach for random tokens. */
    public static final int MIN_TOKEN_LENGTH = 16;

    /** Where the embedded PostgreSQL keeps its data unless configured otherwise (relative to the working directory). */
    public static final Path DEFAULT_EMBEDDED_DIR = Path.of("data", "cloud-pg");

    /**
     * A store HQ knows, and the token it authenticates with (kept only as a SHA-256 hash in the database).
     *
     * @param id       store id, as in topics and URLs
     * @param name     display name (the id when blank)
     * @param currency ISO 4217 code the store sells in (its catalog is priced in it)
     * @param token    the store's bearer token, at least 16 characters
     */
    public record StoreSeed(String id, String name, String currency, String token) {
        public StoreSeed {
            Ids.require("cloud.stores[].id", id);
            try {
                Money.zero(Objects.requireNonNull(currency, "missing"));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cloud.stores[" + id + "].currency must be an ISO 4217 code, got '"
                        + currency + "'");
            }
            if (token == null || token.length() < MIN_TOKEN_LENGTH) {
                throw new IllegalArgumentException("cloud.stores[" + id + "].token must be at least "
                        + MIN_TOKEN_LENGTH + " characters");
            }
            name = name == null || name.isBlank() ? id : name;
        }

        /** Never prints the token: configs end up in logs. */
        @Override
        public String toString() {
            return "StoreSeed[id=" + id + ", name=" + name + ", currency=" + currency + ", token=***]";
        }
    }

    public CloudConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("server.host must not be empty");
        }
        requirePort("server.port", port);
        databaseUrl = databaseUrl == null ? "" : databaseUrl.trim();
        if (!databaseUrl.isEmpty() && !databaseUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("cloud.database.url must be a jdbc:postgresql: URL or empty, got '"
                    + databaseUrl + "'");
        }
        databaseUser = databaseUser == null || databaseUser.isBlank() ? "postgres" : databaseUser;
        databasePassword = databasePassword == null ? "" : databasePassword;
        if (poolSize < 1 || poolSize > 200) {
            throw new IllegalArgumentException("cloud.database.pool-size must be 1..200, got " + poolSize);
        }
        embeddedDir = embeddedDir == null ? DEFAULT_EMBEDDED_DIR : embeddedDir;
        if (embeddedDir.toString().isBlank()) {
            // Path.of("") is the working directory: PostgreSQL would take it over
            throw new IllegalArgumentException("cloud.database.embedded-dir must not be empty");
        }
        requirePort("cloud.database.embedded-port", embeddedPort);
        if (adminToken == null || adminToken.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("cloud.admin-token must be set (at least " + MIN_TOKEN_LENGTH
                    + " characters); there is no default");
        }
        stores = List.copyOf(Objects.requireNonNull(stores, "cloud.stores"));
        Set<String> ids = new HashSet<>();
        Set<String> tokens = new HashSet<>();
        for (StoreSeed s : stores) {
            if (!ids.add(s.id())) {
                throw new IllegalArgumentException("cloud.stores has store " + s.id() + " twice");
            }
            // a shared token would let one store write as another
            if (!tokens.add(s.token()) || s.token().equals(adminToken)) {
                throw new IllegalArgumentException("cloud.stores[" + s.id()
                        + "].token must be unique and differ from cloud.admin-token");
            }
        }
    }

    /** True when HQ starts its own PostgreSQL ({@code cloud.database.url} is empty). */
    public boolean embeddedDatabase() {
        return databaseUrl.isEmpty();
    }

    /**
     * A config for tests and tools: any free HTTP port on 127.0.0.1, a pool of 4, the demo catalog on.
     *
     * @param databaseUrl PostgreSQL JDBC URL (user {@code postgres}, no password), or null for embedded
     *                    PostgreSQL in {@code embeddedDir} on a free port
     * @param embeddedDir data directory of the embedded PostgreSQL (null = the default; unused with a URL)
     */
    public static CloudConfig forTests(String databaseUrl, Path embeddedDir, String adminToken, StoreSeed... stores) {
        return new CloudConfig("127.0.0.1", 0, databaseUrl, "postgres", "", 4, embeddedDir, 0, adminToken,
                List.of(stores), true);
    }

    /** Reads {@code server.*} and {@code cloud.*} from the root config. */
    public static CloudConfig create(Config root) {
        Config db = root.get("cloud.database");
        List<StoreSeed> stores = new ArrayList<>();
        // a YAML list, or system properties / env vars with indices (cloud.stores.0.id): both read as a node list
        List<Config> nodes = root.get("cloud.stores").asNodeList().orElse(List.of());
        for (int i = 0; i < nodes.size(); i++) {
            Config s = nodes.get(i);
            String id = s.get("id").asString().orElse(null);
            if (id == null) {
                throw new IllegalArgumentException("cloud.stores." + s.name() + ".id is missing");
            }
            stores.add(new StoreSeed(id, s.get("name").asString().orElse(null),
                    s.get("currency").asString().orElse(null), s.get("token").asString().orElse(null)));
        }
        return new CloudConfig(
                root.get("server.host").asString().orElse("127.0.0.1"),
                intValue(root.get("server.port"), 8080),
                db.get("url").asString().orElse(""),
                db.get("user").asString().orElse("postgres"),
                db.get("password").asString().orElse(""),
                intValue(db.get("pool-size"), 8),
                db.get("embedded-dir").asString().map(Path::of).orElse(DEFAULT_EMBEDDED_DIR),
                intValue(db.get("embedded-port"), 0),
                root.get("cloud.admin-token").asString().orElse(null),
                stores,
                booleanValue(root.get("cloud.demo-catalog"), false));
    }

    /** Never prints tokens or the password: configs end up in logs. */
    @Override
    public String toString() {
        return "CloudConfig[host=" + host + ", port=" + port + ", databaseUrl=" + databaseUrl + ", databaseUser="
                + databaseUser + ", poolSize=" + poolSize + ", embeddedDir=" + embeddedDir + ", embeddedPort="
                + embeddedPort + ", adminToken=***, stores=" + stores + ", demoCatalog=" + demoCatalog + "]";
    }

    private static void requirePort(String key, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(key + " must be 0..65535, got " + port);
        }
    }

    private static int intValue(Config node, int dflt) {
        try {
            return node.asInt().orElse(dflt);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(node.key() + " must be an integer, got '"
                    + node.asString().orElse("") + "'");
        }
    }

    /** Strict: Boolean.parseBoolean would read a typo such as "ture" as false without a word. */
    private static boolean booleanValue(Config node, boolean dflt) {
        String v = node.asString().orElse(null);
        if (v == null) {
            return dflt;
        }
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(node.key() + " must be true or false, got '" + v + "'");
        };
    }
}
