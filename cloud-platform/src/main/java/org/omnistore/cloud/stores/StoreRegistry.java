package org.omnistore.cloud.stores;

import java.lang.System.Logger.Level;
import java.sql.PreparedStatement;
import java.util.List;
import javax.sql.DataSource;
import org.omnistore.cloud.CloudConfig.StoreSeed;
import org.omnistore.cloud.db.Sql;
import org.omnistore.cloud.http.Auth;

/**
 * The stores HQ knows. Configured stores are upserted at start; tokens are stored only as SHA-256
 * hashes. A store dropped from the configuration keeps its row (its sales stay in reports) but can
 * no longer authenticate, because {@link Auth} accepts only configured tokens.
 */
public final class StoreRegistry {

    private static final System.Logger LOG = System.getLogger(StoreRegistry.class.getName());

    private static final String UPSERT = """
            INSERT INTO store (id, name, currency, token_sha256) VALUES (?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, currency = EXCLUDED.currency,
                                           token_sha256 = EXCLUDED.token_sha256""";

    private final DataSource dataSource;

    public StoreRegistry(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts or updates the configured stores in one transaction. */
    public void upsert(List<StoreSeed> stores) {
        if (stores.isEmpty()) {
            LOG.log(Level.WARNING, "no stores configured (cloud.stores): no store can sync");
            return;
        }
        Sql.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                for (StoreSeed s : stores) {
                    ps.setString(1, s.id());
                    ps.setString(2, s.name());
                    ps.setString(3, s.currency());
                    ps.setString(4, Auth.sha256Hex(s.token()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }
}
