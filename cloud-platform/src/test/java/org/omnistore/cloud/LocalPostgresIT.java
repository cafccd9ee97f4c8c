package org.omnistore.cloud;

import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * HQ on the machine's PostgreSQL server (127.0.0.1:5432, or OMNISTORE_TEST_PG_URL) in a fresh database
 * that is dropped afterwards. Skipped when no server runs there.
 */
class LocalPostgresIT extends CloudPlatformContract {

    private static final String ADMIN_URL = System.getenv().getOrDefault("OMNISTORE_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = System.getenv().getOrDefault("OMNISTORE_TEST_PG_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("OMNISTORE_TEST_PG_PASSWORD", "");
    private static String database;
    private static CloudPlatform cloud;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(reachable(), "no PostgreSQL on 127.0.0.1:5432");
        database = "omnistore_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        String url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + database;
        cloud = CloudPlatform.create(new CloudConfig("127.0.0.1", 0, url, USER, PASSWORD, 4, Path.of("unused"), 0,
                ADMIN, seeds(), true)).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (cloud != null) {
            cloud.close();
        }
        if (database != null) {
            try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private static boolean reachable() {
        try (Socket s = new Socket("127.0.0.1", 5432)) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    String base() {
        return cloud.baseUri();
    }
}
