package org.omnistore.cloud;

import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.http.media.MediaContext;
import io.helidon.http.media.jackson.JacksonSupport;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import java.lang.System.Logger.Level;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.sql.DataSource;
import org.omnistore.cloud.catalog.CatalogApi;
import org.omnistore.cloud.catalog.CatalogRepository;
import org.omnistore.cloud.db.Database;
import org.omnistore.cloud.db.Sql;
import org.omnistore.cloud.http.Auth;
import org.omnistore.cloud.http.GzipEncoding;
import org.omnistore.cloud.http.Problems;
import org.omnistore.cloud.sales.SalesApi;
import org.omnistore.cloud.stores.StoreHealthApi;
import org.omnistore.cloud.stores.StoreRegistry;
import org.omnistore.cloud.sync.SyncApi;
import org.omnistore.contracts.Json;

/**
 * HQ's cloud platform, the composition root of the HQ process. {@link #start()} starts PostgreSQL
 * (embedded, or connects to {@code cloud.database.url}) and migrates it, registers the configured
 * stores, seeds the demo catalog if asked, and serves the HQ API with health and metrics under
 * {@code /observe}. {@link #close()} stops the server, then the connection pool, then the embedded
 * PostgreSQL if it started one.
 *
 * <pre>{@code
 * try (CloudPlatform hq = CloudPlatform.create(CloudConfig.create(Config.create())).start()) {
 *     System.out.println(hq.baseUri());
 * }
 * }</pre>
 */
public final class CloudPlatform implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CloudPlatform.class.getName());
    private static final String DEMO_CATALOG = "/demo-catalog.csv";

    private final CloudConfig config;
    /** What is running, most recent first: closed in that order. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private WebServer server;
    private DataSource dataSource;

    private CloudPlatform(CloudConfig config) {
        this.config = config;
    }

    /** Creates the platform; nothing starts until {@link #start()}. */
    public static CloudPlatform create(CloudConfig config) {
        return new CloudPlatform(config);
    }

    /**
     * Starts the database, the store registry and the web server. On failure everything started so
     * far is stopped again and the exception is thrown.
     *
     * @return this, started
     * @throws IllegalStateException when already started
     */
    public synchronized CloudPlatform start() {
        if (server != null) {
            throw new IllegalStateException("HQ is already started");
        }
        try {
            Database database = Database.start(config);
            started.push(database);
            DataSource ds = database.dataSource();
            dataSource = ds;
            new StoreRegistry(ds).upsert(config.stores());
            CatalogRepository catalog = new CatalogRepository(ds);
            if (config.demoCatalog() && catalog.seedIfEmpty(DEMO_CATALOG)) {
                LOG.log(Level.INFO, "seeded the demo catalog from " + DEMO_CATALOG);
            }
            Auth auth = Auth.create(config.adminToken(), config.stores());
            // the registry the metrics observer reports from
            SyncApi sync = new SyncApi(ds, auth, Services.get(MeterRegistry.class));
            CatalogApi catalogApi = new CatalogApi(catalog, auth);
            SalesApi sales = new SalesApi(ds, auth);
            StoreHealthApi storeHealth = new StoreHealthApi(ds, auth);

            WebServer web = WebServer.builder()
                    .host(config.host())
                    .port(config.port())
                    // close() stops the server in order with the database; Helidon's own hook would race it
                    .shutdownHook(false)
                    // request bodies with Content-Encoding: gzip (stores compress their batches)
                    .contentEncoding(ContentEncodingContext.builder()
                            .contentEncodingsDiscoverServices(false)
                            .addContentEncoding(new GzipEncoding())
                            .build())
                    // replies through the contracts codec, so HQ's wire format is the one the stores read
                    .mediaContext(MediaContext.builder()
                            .addMediaSupport(JacksonSupport.create(Json.mapper()))
                            .build())
                    .addFeature(ObserveFeature.builder()
                            .addObserver(health(ds))
                            .addObserver(MetricsObserver.create())
                            .build())
                    .routing(r -> {
                        Problems.register(r);
                        r.register(sync, catalogApi, sales, storeHealth);
                    })
                    .build()
                    .start();
            server = web;
            started.push(web::stop);
            LOG.log(Level.INFO, "HQ listening on " + baseUri() + " (" + config.stores().size() + " stores, "
                    + (config.embeddedDatabase() ? "embedded PostgreSQL in " + config.embeddedDir() : "external PostgreSQL")
                    + ")");
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Readiness includes the database: a load balancer should stop sending batches to an HQ that cannot store them. */
    private static HealthObserver health(DataSource ds) {
        return HealthObserver.builder()
                .details(true)
                .addCheck(() -> {
                    try {
                        Sql.query(ds, c -> {
                            try (Statement s = c.createStatement()) {
                                s.setQueryTimeout(5);
                                return s.execute("SELECT 1");
                            }
                        });
                        return HealthCheckResponse.builder().status(true).build();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "health: database check failed: " + e.getMessage());
                        return HealthCheckResponse.builder().status(false).detail("error", "database unreachable").build();
                    }
                }, HealthCheckType.READINESS, "database")
                .build();
    }

    /** The HTTP port actually bound (useful with {@code server.port=0}). */
    public int port() {
        requireStarted();
        return server.port();
    }

    /** {@code http://host:port} of the API; a wildcard bind address is given as 127.0.0.1. */
    public String baseUri() {
        requireStarted();
        String host = config.host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + server.port();
    }

    /** The connection pool, for tests and diagnostics in this package. */
    DataSource dataSource() {
        requireStarted();
        return dataSource;
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("HQ is not started");
        }
    }

    /** Stops the server, then the pool, then the embedded PostgreSQL. Safe to call more than once. */
    @Override
    public synchronized void close() {
        boolean running = !started.isEmpty();
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "HQ stop: " + e.getMessage());
            }
        }
        server = null;
        dataSource = null;
        if (running) {
            LOG.log(Level.INFO, "HQ stopped");
        }
    }
}
