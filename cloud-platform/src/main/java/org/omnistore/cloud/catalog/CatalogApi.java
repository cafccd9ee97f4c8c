package org.omnistore.cloud.catalog;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import org.omnistore.cloud.http.Auth;
import org.omnistore.cloud.http.Problems.ProblemException;
import org.omnistore.contracts.Ids;

/** Catalog endpoints: a store pulls its priced snapshot; HQ lists items with all their prices. */
public final class CatalogApi implements HttpService {

    /** Largest page of {@code GET /api/v1/catalog/items}. */
    static final int MAX_LIMIT = 500;

    private final CatalogRepository catalog;
    private final Auth auth;

    public CatalogApi(CatalogRepository catalog, Auth auth) {
        this.catalog = catalog;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/v1/stores/{storeId}/catalog", this::getStoreCatalog)
                .get("/api/v1/catalog/items", this::listItems);
    }

    /** A page of the catalog, by sku. */
    record ItemPage(int limit, int offset, List<CatalogRepository.ListedItem> items) {
    }

    private void getStoreCatalog(ServerRequest req, ServerResponse res) {
        Auth.Caller caller = auth.require(req);
        String storeId = req.path().pathParameters().get("storeId");
        if (!Ids.isValid(storeId)) {
            throw new ProblemException(Status.BAD_REQUEST_400, "not a store id: " + storeId);
        }
        if (!caller.admin() && !storeId.equals(caller.storeId())) {
            throw new ProblemException(Status.FORBIDDEN_403, "a store may read only its own catalog");
        }
        // only the store's own pull counts as "pulled": an admin looking does not update the store's state
        var snapshot = catalog.snapshotFor(storeId, !caller.admin())
                .orElseThrow(() -> new ProblemException(Status.NOT_FOUND_404, "no store " + storeId));
        res.send(snapshot);
    }

    private void listItems(ServerRequest req, ServerResponse res) {
        auth.requireAdmin(req);
        int limit = intParam(req, "limit", 100, 1, MAX_LIMIT);
        int offset = intParam(req, "offset", 0, 0, Integer.MAX_VALUE);
        res.send(new ItemPage(limit, offset, catalog.list(limit, offset)));
    }

    private static int intParam(ServerRequest req, String name, int dflt, int min, int max) {
        String v = req.query().first(name).orElse(null);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the problem below
        }
        throw new ProblemException(Status.BAD_REQUEST_400, name + " must be an integer " + min + ".." + max);
    }
}
