package org.omnistore.cloud;

import io.helidon.config.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.omnistore.contracts.Ids;
import org.omnistore.contracts.Money;

/**
 * HQ configuration, read from Helidon config (env, system properties, application.yaml).
 *
 * @param host          bind address ({@code server.host})
 * @param port          HTTP port, 0 = any free port ({@code server.port})
 * @param databaseUrl   PostgreSQL JDBC URL; empty = start embedded PostgreSQL ({@code cloud.database.url})
 * @param embeddedDir   data directory of the embedded PostgreSQL ({@code cloud.database.embedded-dir})
 * @param embeddedPort  port of the embedded PostgreSQL, 0 = any free port ({@code cloud.database.embedded-port})
 * @param adminToken    bearer token for HQ APIs ({@code cloud.admin-token}, required, at least 16 characters)
 * @param stores        stores allowed to sync, with their tokens ({@code cloud.stores})
 * @param demoCatalog   seed the demo catalog when the catalog is empty ({@code cloud.demo-catalog})
 */
public record CloudConfig(String host, int port, String databaseUrl, String databaseUser, String databasePassword,
                          int poolSize, Path embeddedDir, int embeddedPort, String adminToken, List<StoreSeed> stores,
                          boolean demoCatalog) {

    /** A store HQ knows, and the token it authenticates with (kept only as a hash in the database). */
    public record StoreSeed(String id, String name, String currency, String token) {
        public StoreSeed {
            Ids.require("cloud.stores[].id", id);
            Money.zero(currency); // validates the ISO 4217 code
            if (token == null || token.length() < 16) {
                throw new IllegalArgumentException("cloud.stores[" + id + "].token must be at least 16 characters");
            }
            name = name == null || name.isBlank() ? id : name;
        }
    }

    public CloudConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("server.port must be 0..65535, got " + port);
        }
        if (poolSize < 1 || poolSize > 200) {
            throw new IllegalArgumentException("cloud.database.pool-size must be 1..200, got " + poolSize);
        }
        if (adminToken == null || adminToken.length() < 16) {
            throw new IllegalArgumentException("cloud.admin-token must be set (at least 16 characters); there is no default");
        }
        stores = List.copyOf(stores);
        Set<String> ids = new HashSet<>();
        Set<String> tokens = new HashSet<>();
        for (StoreSeed s : stores) {
            if (!ids.add(s.id())) {
                throw new IllegalArgumentException("cloud.stores has store " + s.id() + " twice");
            }
            if (!tokens.add(s.token()) || s.token().equals(adminToken)) {
                throw new IllegalArgumentException("every store token must be unique and differ from the admin token");
            }
        }
        databaseUrl = databaseUrl == null ? "" : databaseUrl.trim();
    }

    public boolean embeddedDatabase() {
        return databaseUrl.isEmpty();
    }

    public static CloudConfig create(Config root) {
        Config db = root.get("cloud.database");
        List<StoreSeed> stores = new ArrayList<>();
        for (Config s : root.get("cloud.stores").asNodeList().orElse(List.of())) {
            stores.add(new StoreSeed(s.get("id").asString().orElse(null), s.get("name").asString().orElse(null),
                    s.get("currency").asString().orElse("EUR"), s.get("token").asString().orElse(null)));
        }
        return new CloudConfig(
                root.get("server.host").asString().orElse("127.0.0.1"),
                root.get("server.port").asInt().orElse(8080),
                db.get("url").asString().orElse(""),
                db.get("user").asString().orElse("postgres"),
                db.get("password").asString().orElse(""),
                db.get("pool-size").asInt().orElse(8),
                Path.of(db.get("embedded-dir").asString().orElse("data/cloud-pg")),
                db.get("embedded-port").asInt().orElse(0),
                root.get("cloud.admin-token").asString().orElse(null),
                stores,
                root.get("cloud.demo-catalog").asBoolean().orElse(false));
    }
}
