package org.omnistore.cloud;

import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import java.lang.System.Logger.Level;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import org.omnistore.cloud.catalog.CatalogApi;
import org.omnistore.cloud.catalog.CatalogRepository;
import org.omnistore.cloud.db.Database;
import org.omnistore.cloud.db.Sql;
import org.omnistore.cloud.http.Auth;
import org.omnistore.cloud.http.GzipEncoding;
import org.omnistore.cloud.http.Problems;
import org.omnistore.cloud.sales.SalesApi;
import org.omnistore.cloud.stores.StoreRegistry;
import org.omnistore.cloud.sync.SyncApi;

/**
 * HQ's cloud platform: composition root. Starts PostgreSQL (embedded or configured) with its
 * migrations, registers the configured stores, seeds the demo catalog if asked, and serves the HQ API
 * with health and metrics; {@link #close()} stops the server, then the database.
 */
public final class CloudPlatform implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CloudPlatform.class.getName());

    private final CloudConfig config;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private WebServer server;

    private CloudPlatform(CloudConfig config) {
        this.config = config;
    }

    public static CloudPlatform create(CloudConfig config) {
        return new CloudPlatform(config);
    }

    public synchronized CloudPlatform start() {
        try {
            Database database = Database.start(config);
            started.push(database);
            var ds = database.dataSource();
            StoreRegistry stores = new StoreRegistry(ds);
            stores.upsert(config.stores());
            CatalogRepository catalog = new CatalogRepository(ds);
            if (config.demoCatalog() && catalog.seedIfEmpty("/demo-catalog.csv")) {
                LOG.log(Level.INFO, "seeded the demo catalog");
            }
            Auth auth = new Auth(config.adminToken(), stores.tokenHashes());
            SyncApi sync = new SyncApi(ds, auth);
            CatalogApi catalogApi = new CatalogApi(catalog, auth);
            SalesApi sales = new SalesApi(ds, auth);

            HealthObserver health = HealthObserver.builder()
                    .details(true)
                    .addCheck(() -> {
                        try {
                            Sql.query(ds, c -> {
                                try (Statement s = c.createStatement()) {
                                    return s.execute("SELECT 1");
                                }
                            });
                            return HealthCheckResponse.builder().status(true).build();
                        } catch (RuntimeException e) {
                            return HealthCheckResponse.builder().status(false).detail("error", "database unreachable").build();
                        }
                    }, HealthCheckType.READINESS, "database")
                    .build();
            server = WebServer.builder()
                    .host(config.host())
                    .port(config.port())
                    .contentEncoding(ContentEncodingContext.builder()
                            .contentEncodingsDiscoverServices(false)
                            .addContentEncoding(new GzipEncoding())
                            .build())
                    .addFeature(ObserveFeature.builder()
                            .addObserver(health)
                            .addObserver(MetricsObserver.create())
                            .build())
                    .routing(r -> {
                        Problems.register(r);
                        sync.routing(r);
                        catalogApi.routing(r);
                        sales.routing(r);
                        Problems.notFoundFallback(r);
                    })
                    .build()
                    .start();
            started.push(server::stop);
            LOG.log(Level.INFO, "HQ listening on " + baseUri() + " (" + config.stores().size() + " stores, database "
                    + (config.embeddedDatabase() ? "embedded" : "external") + ")");
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    public String baseUri() {
        return "http://" + config.host() + ":" + server.port();
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "HQ stop: " + e.getMessage());
            }
        }
    }
}
