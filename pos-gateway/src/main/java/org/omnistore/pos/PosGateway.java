package org.omnistore.pos;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.flywaydb.core.Flyway;
import org.omnistore.contracts.catalog.CatalogSnapshot;
import org.omnistore.contracts.device.DeviceStatus;
import org.omnistore.contracts.pos.PosReply;
import org.omnistore.pos.catalog.CatalogCache;
import org.omnistore.pos.sale.Durability;
import org.omnistore.pos.sale.SaleService;
import org.omnistore.pos.sale.SalesTotal;
import org.omnistore.pos.terminal.PosMqttEndpoint;
import org.omnistore.pos.terminal.PosRequestHandler;
import org.omnistore.sync.outbox.Outbox;

/**
 * The store's POS back end. Create it over the store database and outbox, {@link #attach} it to an
 * MQTT client before that client connects, and it serves every terminal of the store.
 */
public final class PosGateway implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PosGateway.class.getName());

    private final PosConfig config;
    private final CatalogCache catalog;
    private final SaleService sales;
    private final PosRequestHandler handler;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile PosMqttEndpoint endpoint;

    private PosGateway(PosConfig config, CatalogCache catalog, SaleService sales) {
        this.config = config;
        this.catalog = catalog;
        this.sales = sales;
        this.handler = new PosRequestHandler(config.storeId(), sales);
    }

    /** Migrates the gateway's tables (own Flyway history) and loads the cached catalog. */
    public static PosGateway create(PosConfig config, DataSource dataSource, Outbox outbox, Durability durability) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/store/pos")
                .table("flyway_history_pos")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        CatalogCache catalog = new CatalogCache(dataSource, config.storeId());
        SaleService sales = new SaleService(config, catalog, dataSource, outbox, durability, Clock.systemUTC());
        LOG.log(Level.INFO, "store=" + config.storeId() + " POS gateway ready, catalog version=" + catalog.version()
                + " items=" + catalog.size());
        return new PosGateway(config, catalog, sales);
    }

    /** Serves terminals through this client; call before {@code client.connect}. */
    public void attach(MqttAsyncClient client) {
        PosMqttEndpoint e = new PosMqttEndpoint(config.storeId(), client, handler, workers, config.workers());
        client.setManualAcks(true);
        client.setCallback(e);
        endpoint = e;
    }

    /** Waits until the gateway's subscription is active after the client connected. */
    public boolean awaitSubscribed(java.time.Duration timeout) throws InterruptedException {
        PosMqttEndpoint e = endpoint;
        return e != null && e.awaitSubscribed(timeout);
    }

    /** Handles one command without MQTT (tests, benchmarks). */
    public PosReply handle(String terminalId, byte[] payload) {
        return handler.handle(terminalId, payload);
    }

    public long catalogVersion() {
        return catalog.version();
    }

    public CatalogSnapshot catalog() {
        return catalog.snapshot();
    }

    /** Replaces the store's catalog (down-sync from HQ). */
    public void replaceCatalog(CatalogSnapshot snapshot) {
        if (!config.storeId().equals(snapshot.storeId())) {
            throw new IllegalArgumentException("catalog is for store " + snapshot.storeId() + ", not " + config.storeId());
        }
        catalog.replace(snapshot);
    }

    public List<SalesTotal> salesTotals() {
        return sales.totals();
    }

    /** Terminals seen on their status topics, by id. */
    public Map<String, DeviceStatus> terminals() {
        PosMqttEndpoint e = endpoint;
        return e == null ? Map.of() : e.terminals();
    }

    @Override
    public void close() {
        workers.shutdown();
        sales.close();
    }
}
