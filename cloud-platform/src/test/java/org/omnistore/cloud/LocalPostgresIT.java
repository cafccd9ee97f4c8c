package org.omnistore.cloud;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The HQ API on the machine's PostgreSQL server ({@code OMNISTORE_TEST_PG_URL}, default
 * 127.0.0.1:5432, user postgres without password), in a fresh database dropped afterwards;
 * skipped when nothing listens there.
 */
class LocalPostgresIT extends CloudApiContract {

    private static final String ADMIN_URL = System.getenv().getOrDefault("OMNISTORE_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = System.getenv().getOrDefault("OMNISTORE_TEST_PG_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("OMNISTORE_TEST_PG_PASSWORD", "");
    private static String database;
    private static Hq hq;

    @BeforeAll
    static void start() throws SQLException {
        Assumptions.assumeTrue(listening(), "no PostgreSQL at " + ADMIN_URL);
        database = "omnistore_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + database);
        String url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + database;
        hq = Hq.start(new CloudConfig("127.0.0.1", 0, url, USER, PASSWORD, 4, null, 0, Hq.ADMIN, List.of(STORES), true));
    }

    @AfterAll
    static void stop() throws SQLException {
        if (hq != null) {
            hq.close();
        }
        if (database != null) {
            admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Override
    Hq hq() {
        return hq;
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static boolean listening() {
        URI server = URI.create(ADMIN_URL.substring("jdbc:".length()));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(server.getHost(), server.getPort() < 0 ? 5432 : server.getPort()), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
