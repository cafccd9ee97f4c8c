package org.omnistore.cloud.sales;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.omnistore.cloud.db.Sql;
import org.omnistore.cloud.http.Auth;

/**
 * {@code GET /api/v1/sales/summary} (admin): per store, the sales applied at HQ, revenue per currency,
 * the last store sequence applied and the catalog version the store last pulled. Two aggregate
 * queries in one snapshot, whatever the number of stores.
 */
public final class SalesApi implements HttpService {

    private static final String STORES = """
            SELECT s.id, s.name, s.catalog_version_pulled, s.catalog_pulled_at, coalesce(ss.applied_through, 0)
            FROM store s LEFT JOIN sync_state ss ON ss.store_id = s.id ORDER BY s.id""";
    private static final String REVENUE = """
            SELECT store_id, currency, count(*), sum(total_minor) FROM sale GROUP BY store_id, currency
            ORDER BY store_id, currency""";

    private final DataSource dataSource;
    private final Auth auth;

    public SalesApi(DataSource dataSource, Auth auth) {
        this.dataSource = dataSource;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/v1/sales/summary", this::getSummary);
    }

    record Revenue(String currency, long totalMinor) {
    }

    record StoreSales(String storeId, String name, long saleCount, List<Revenue> revenue,
                      long lastSequenceApplied, Long catalogVersionPulled, Instant catalogPulledAt) {
    }

    record Summary(List<StoreSales> stores, Instant generatedAt) {
    }

    private void getSummary(ServerRequest req, ServerResponse res) {
        auth.requireAdmin(req);
        res.send(summary());
    }

    Summary summary() {
        return Sql.inTransaction(dataSource, c -> {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // both queries see one snapshot
            c.setReadOnly(true);
            Map<String, Long> counts = new HashMap<>();
            Map<String, List<Revenue>> revenue = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(REVENUE); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.merge(rs.getString(1), rs.getLong(3), Long::sum);
                    revenue.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Revenue(rs.getString(2).trim(), rs.getLong(4)));
                }
            }
            List<StoreSales> stores = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(STORES); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    long pulled = rs.getLong(3);
                    Long pulledVersion = rs.wasNull() ? null : pulled;
                    Timestamp at = rs.getTimestamp(4);
                    stores.add(new StoreSales(id, rs.getString(2), counts.getOrDefault(id, 0L),
                            revenue.getOrDefault(id, List.of()), rs.getLong(5), pulledVersion,
                            at == null ? null : at.toInstant()));
                }
            }
            return new Summary(stores, Instant.now());
        });
    }
}
