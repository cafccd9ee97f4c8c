package org.omnistore.cloud.catalog;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import org.omnistore.cloud.http.Auth;
import org.omnistore.cloud.http.Problems.ProblemException;
import org.omnistore.contracts.Ids;
import org.omnistore.contracts.Json;

/** Catalog endpoints: a store pulls its snapshot; HQ lists items. */
public final class CatalogApi {

    private final CatalogRepository catalog;
    private final Auth auth;

    public CatalogApi(CatalogRepository catalog, Auth auth) {
        this.catalog = catalog;
        this.auth = auth;
    }

    public void routing(HttpRouting.Builder rules) {
        rules.get("/api/v1/stores/{storeId}/catalog", this::getStoreCatalog)
                .get("/api/v1/catalog/items", this::listItems);
    }

    private void getStoreCatalog(ServerRequest req, ServerResponse res) {
        Auth.Caller caller = auth.require(req);
        String storeId = req.path().pathParameters().get("storeId");
        if (!Ids.isValid(storeId)) {
            throw new ProblemException(Status.BAD_REQUEST_400, "not a store id");
        }
        if (!caller.admin() && !storeId.equals(caller.storeId())) {
            throw new ProblemException(Status.FORBIDDEN_403, "a store may read only its own catalog");
        }
        var snapshot = catalog.snapshotFor(storeId, !caller.admin())
                .orElseThrow(() -> new ProblemException(Status.NOT_FOUND_404, "no store " + storeId));
        res.send(Json.toBytes(snapshot));
    }

    /** A page of the catalog. */
    record ItemPage(int limit, int offset, List<Item> items) {
    }

    record Item(String sku, String barcode, String name, String category, int taxRateBasisPoints,
                com.fasterxml.jackson.databind.JsonNode prices) {
    }

    private void listItems(ServerRequest req, ServerResponse res) throws Exception {
        auth.requireAdmin(req);
        int limit = intParam(req, "limit", 100, 1, 1000);
        int offset = intParam(req, "offset", 0, 0, Integer.MAX_VALUE);
        List<Item> items = new java.util.ArrayList<>();
        for (CatalogRepository.ListedItem i : catalog.list(limit, offset)) {
            items.add(new Item(i.sku(), i.barcode(), i.name(), i.category(), i.taxRateBasisPoints(),
                    Json.mapper().readTree(i.pricesJson())));
        }
        res.send(Json.toBytes(new ItemPage(limit, offset, items)));
    }

    static int intParam(ServerRequest req, String name, int dflt, int min, int max) {
        String v = req.query().first(name).orElse(null);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ProblemException(Status.BAD_REQUEST_400, name + " must be an integer " + min + ".." + max);
        }
    }
}
