package org.omnistore.store;

import io.helidon.config.Config;
import java.nio.file.Path;
import org.omnistore.contracts.Ids;
import org.omnistore.pos.PosConfig;
import org.omnistore.store.broker.BrokerConfig;
import org.omnistore.sync.edge.SyncConfig;

/**
 * Everything a store edge node needs, read from Helidon config (env, system properties, application.yaml).
 *
 * @param storeId            this store's id ({@code store.id})
 * @param dataDir            where the H2 journal and the embedded broker keep their files ({@code store.data-dir})
 * @param journalDurability  {@code fsync} (default: a receipt means the sale survives power loss) or
 *                           {@code write} (survives a process crash only) ({@code store.journal.durability})
 * @param httpHost           store API bind address ({@code server.host})
 * @param httpPort           store API port, 0 = any free port ({@code server.port})
 */
public record StoreConfig(String storeId, Path dataDir, String journalDurability, String httpHost, int httpPort,
                          BrokerConfig broker, SyncConfig sync, PosConfig pos) {

    public StoreConfig {
        Ids.require("store.id", storeId);
        if (dataDir == null) {
            throw new IllegalArgumentException("store.data-dir must be set");
        }
        if (!"fsync".equals(journalDurability) && !"write".equals(journalDurability)) {
            throw new IllegalArgumentException("store.journal.durability must be fsync or write, got '" + journalDurability + "'");
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("server.port must be 0..65535, got " + httpPort);
        }
    }

    public static StoreConfig create(Config root) {
        String storeId = root.get("store.id").asString().orElse(null);
        Ids.require("store.id", storeId);
        Path dataDir = Path.of(root.get("store.data-dir").asString().orElse("data/" + storeId));
        return new StoreConfig(storeId, dataDir,
                root.get("store.journal.durability").asString().orElse("fsync"),
                root.get("server.host").asString().orElse("127.0.0.1"),
                root.get("server.port").asInt().orElse(8081),
                BrokerConfig.create(root.get("broker"), dataDir.resolve("broker")),
                SyncConfig.create(storeId, root.get("sync")),
                PosConfig.create(storeId, root.get("pos")));
    }

    /** The H2 URL of the store database: commits are written through at once (see Durability). */
    public String jdbcUrl() {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("store") + ";WRITE_DELAY=0";
    }
}
