package org.omnistore.cloud.stores;

import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.omnistore.cloud.CloudConfig.StoreSeed;
import org.omnistore.cloud.db.Sql;
import org.omnistore.cloud.http.Auth;

/** The stores HQ knows. Configured stores are upserted at start; tokens are stored only as SHA-256 hashes. */
public final class StoreRegistry {

    private static final String UPSERT = """
            INSERT INTO store (id, name, currency, token_sha256) VALUES (?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, currency = EXCLUDED.currency,
                                           token_sha256 = EXCLUDED.token_sha256""";
    private static final String TOKENS = "SELECT token_sha256, id FROM store";

    private final DataSource dataSource;

    public StoreRegistry(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void upsert(List<StoreSeed> stores) {
        Sql.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                for (StoreSeed s : stores) {
                    ps.setString(1, s.id());
                    ps.setString(2, s.name());
                    ps.setString(3, s.currency());
                    ps.setString(4, Auth.hex(Auth.sha256(s.token())));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** Token hash to store id, for authentication. */
    public Map<String, String> tokenHashes() {
        return Sql.query(dataSource, c -> {
            Map<String, String> out = new HashMap<>();
            try (var ps = c.prepareStatement(TOKENS); var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        });
    }
}
