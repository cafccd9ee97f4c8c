package org.omnistore.store.api;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;
import org.omnistore.contracts.device.DeviceStatus;
import org.omnistore.pos.PosGateway;
import org.omnistore.pos.sale.SalesTotal;
import org.omnistore.sync.edge.SyncAgent;

/**
 * The store API: what the store staff page and the demo's reconciliation read.
 * Staff authentication and roles come with the security issue; the API binds to loopback until then.
 */
public final class StoreApi {

    private final String storeId;
    private final PosGateway gateway;
    private final SyncAgent sync;
    private final String brokerUrl;

    public StoreApi(String storeId, PosGateway gateway, SyncAgent sync, String brokerUrl) {
        this.storeId = storeId;
        this.gateway = gateway;
        this.sync = sync;
        this.brokerUrl = brokerUrl;
    }

    public void routing(HttpRouting.Builder rules) {
        rules.get("/api/v1/store", this::getStore)
                .get("/api/v1/sales/summary", this::getSalesSummary)
                .get("/api/v1/catalog", this::getCatalog)
                .error(Exception.class, Problems::handle);
        Problems.notFoundFallback(rules);
    }

    /** Store status: catalog, terminals and sync state. */
    public record StoreStatus(String storeId, long catalogVersion, int catalogItems, String brokerUrl,
                              Map<String, DeviceStatus> terminals, SyncAgent.SyncStatus sync) {
    }

    /** Sales journaled in this store. */
    public record SalesSummary(String storeId, long saleCount, List<SalesTotal> byCurrency) {
    }

    private void getStore(ServerRequest req, ServerResponse res) {
        var catalog = gateway.catalog();
        res.send(new StoreStatus(storeId, catalog.version(), catalog.items().size(), brokerUrl, gateway.terminals(),
                sync.status()));
    }

    private void getSalesSummary(ServerRequest req, ServerResponse res) {
        List<SalesTotal> totals = gateway.salesTotals();
        res.send(new SalesSummary(storeId, totals.stream().mapToLong(SalesTotal::saleCount).sum(), totals));
    }

    private void getCatalog(ServerRequest req, ServerResponse res) {
        res.send(gateway.catalog());
    }
}
