package org.omnistore.store;

import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.http.media.MediaContext;
import io.helidon.http.media.jackson.JacksonSupport;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import io.helidon.metrics.api.Tag;
import org.omnistore.pos.sale.SalesTotal;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.h2.jdbcx.JdbcConnectionPool;
import org.omnistore.contracts.Json;
import org.omnistore.contracts.NoDelaySocketFactory;
import org.omnistore.pos.PosGateway;
import org.omnistore.pos.sale.Durability;
import org.omnistore.store.api.StoreApi;
import org.omnistore.store.broker.EmbeddedBroker;
import org.omnistore.sync.edge.CatalogFeed;
import org.omnistore.sync.edge.Heartbeat;
import org.omnistore.contracts.Versioned;
import org.omnistore.contracts.device.DeviceStatus;
import org.omnistore.contracts.sync.StoreHeartbeat;
import java.time.Instant;
import org.omnistore.sync.edge.SyncAgent;
import org.omnistore.sync.outbox.Outbox;

/**
 * The store's edge node: composition root of the store. Starts, in order, the H2 journal, the outbox,
 * the POS gateway, the MQTT broker (embedded unless configured external), the gateway's MQTT client,
 * the catalog feed and sync agent to HQ, and the store API; {@link #close()} stops them in reverse.
 */
public final class StoreEdge implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(StoreEdge.class.getName());

    private final StoreConfig config;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private PosGateway gateway;
    private SyncAgent syncAgent;
    private WebServer server;

    private StoreEdge(StoreConfig config) {
        this.config = config;
    }

    public static StoreEdge create(StoreConfig config) {
        return new StoreEdge(config);
    }

    public synchronized StoreEdge start() {
        try {
            Files.createDirectories(config.dataDir());
            JdbcConnectionPool pool = JdbcConnectionPool.create(config.jdbcUrl(), "sa", "");
            pool.setMaxConnections(config.pos().workers() + 8);
            started.push(pool::dispose);

            Outbox outbox = Outbox.create(pool);
            gateway = PosGateway.create(config.pos(), pool, outbox, Durability.of(config.journalDurability(), pool));
            started.push(gateway);

            if (config.broker().embedded()) {
                started.push(EmbeddedBroker.start(config.broker()));
            }
            started.push(connectGateway());

            CatalogFeed feed = CatalogFeed.create(config.sync(), gateway::catalogVersion, gateway::replaceCatalog);
            started.push(feed.start());
            syncAgent = SyncAgent.create(config.sync(), outbox);
            started.push(syncAgent.start());
            started.push(Heartbeat.create(config.sync(), this::heartbeat).start());

            registerMetrics();
            server = startHttp();
            started.push(server::stop);
            LOG.log(Level.INFO, "store=" + config.storeId() + " edge started: api=http://" + config.httpHost() + ":"
                    + server.port() + " broker=" + config.broker().clientUrl() + " hq=" + config.sync().cloudUrl());
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private AutoCloseable connectGateway() {
        try {
            MqttAsyncClient client = new MqttAsyncClient(config.broker().clientUrl(),
                    "edge-" + config.storeId() + "-pos", new MemoryPersistence());
            gateway.attach(client);
            MqttConnectOptions options = new MqttConnectOptions();
            // a persistent session: commands sent while the gateway restarts wait in the broker
            options.setCleanSession(false);
            options.setAutomaticReconnect(true);
            options.setMaxInflight(1000);
            options.setKeepAliveInterval(30);
            options.setSocketFactory(new NoDelaySocketFactory());
            client.connect(options).waitForCompletion(10_000);
            if (!gateway.awaitSubscribed(java.time.Duration.ofSeconds(10))) {
                throw new IllegalStateException("store=" + config.storeId() + " POS gateway did not subscribe within 10 s");
            }
            return () -> {
                try {
                    client.disconnect().waitForCompletion(2_000);
                } catch (MqttException e) {
                    LOG.log(Level.DEBUG, "disconnect: " + e.getMessage());
                }
                client.close();
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to the broker", e);
        } catch (MqttException e) {
            throw new IllegalStateException("store=" + config.storeId() + " cannot connect to the MQTT broker at "
                    + config.broker().clientUrl() + ": " + e.getMessage(), e);
        }
    }

    /** Sync and journal gauges for the metrics endpoint (read on each scrape), removed again on close. */
    private void registerMetrics() {
        List<Tag> tags = List.of(Tag.create("store", config.storeId()));
        MeterRegistry registry = Services.get(MeterRegistry.class);
        List<Gauge<?>> gauges = List.of(
                registry.getOrCreate(Gauge.builder("omnistore.outbox.depth", () -> syncAgent.status().depth())
                        .description("outbox events not yet acknowledged by HQ").tags(tags)),
                registry.getOrCreate(Gauge.builder("omnistore.outbox.oldest.age.seconds", () -> {
                    Long ms = syncAgent.status().oldestAgeMs();
                    return ms == null ? 0.0 : ms / 1000.0;
                }).description("age of the oldest unacknowledged outbox event").tags(tags)),
                registry.getOrCreate(Gauge.builder("omnistore.sync.failures", () -> syncAgent.status().failures())
                        .description("failed sync attempts since start").tags(tags)),
                registry.getOrCreate(Gauge.builder("omnistore.pos.sales", () -> gateway.salesTotals().stream()
                        .mapToLong(SalesTotal::saleCount).sum()).description("sales in the store journal").tags(tags)));
        started.push(() -> gauges.forEach(registry::remove));
    }

    private WebServer startHttp() {
        HealthObserver health = HealthObserver.builder()
                .details(true)
                .addCheck(() -> HealthCheckResponse.builder()
                        .status(gateway.catalogVersion() > 0)
                        .detail("catalogVersion", gateway.catalogVersion())
                        .build(), HealthCheckType.READINESS, "catalog")
                .build();
        return WebServer.builder()
                .host(config.httpHost())
                .port(config.httpPort())
                .mediaContext(MediaContext.builder().addMediaSupport(JacksonSupport.create(Json.mapper())).build())
                .addFeature(ObserveFeature.builder()
                        .addObserver(health)
                        .addObserver(MetricsObserver.create())
                        .build())
                .routing(r -> new StoreApi(config.storeId(), gateway, syncAgent, config.broker().clientUrl()).routing(r))
                .build()
                .start();
    }

    /** This store's health as reported to HQ. */
    private StoreHeartbeat heartbeat() {
        SyncAgent.SyncStatus s = syncAgent.status();
        int online = (int) gateway.terminals().values().stream()
                .filter(t -> DeviceStatus.ONLINE.equals(t.state())).count();
        return new StoreHeartbeat(Versioned.CURRENT, config.storeId(), Instant.now(), s.lastSeq(), s.ackedThrough(),
                s.depth(), s.oldestAgeMs(), s.failures(), gateway.catalogVersion(), online);
    }

    public int port() {
        return server.port();
    }

    public String baseUri() {
        return "http://" + config.httpHost() + ":" + server.port();
    }

    /** Port of the embedded broker (0 when the store uses an external one). */
    public int gatewayBrokerPort() {
        return config.broker().embedded() ? config.broker().port() : 0;
    }

    public PosGateway gateway() {
        return gateway;
    }

    public SyncAgent syncAgent() {
        return syncAgent;
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "store=" + config.storeId() + " stop: " + e.getMessage());
            }
        }
    }
}
