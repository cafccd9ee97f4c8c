package org.omnistore.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnistore.contracts.Json;
import org.omnistore.contracts.catalog.CatalogSnapshot;
import org.omnistore.contracts.sync.SyncAck;

/** HQ restarted on the same embedded data directory keeps its data; the migrations and the seed run once. */
class CloudRestartIT {

    @TempDir
    Path dir;

    @Test
    void restartOnTheSameEmbeddedDataDirectoryKeepsTheData() {
        Path pg = dir.resolve("pg");
        long version;
        try (Hq hq = Hq.start(null, pg, Hq.store("s1", "EUR"))) {
            assertThat(hq.postBatch(Hq.token("s1"), Hq.sales("s1", 1, 2, 300)).status()).isEqualTo(200);
            version = Json.read(hq.get("/api/v1/stores/s1/catalog", Hq.token("s1")).body(), CatalogSnapshot.class).version();
            assertThatThrownBy(hq.platform::start).isInstanceOf(IllegalStateException.class);
        }

        // a second start: Flyway finds its schema, the catalog is not seeded twice, s2 is added
        try (Hq hq = Hq.start(null, pg, Hq.store("s1", "EUR"), Hq.store("s2", "USD"))) {
            JsonNode s1 = hq.summaryOf("s1");
            assertThat(s1.get("saleCount").asLong()).isEqualTo(2);
            assertThat(s1.get("lastSequenceApplied").asLong()).isEqualTo(2);
            assertThat(s1.get("catalogVersionPulled").asLong()).isEqualTo(version);
            assertThat(hq.summaryOf("s2").get("saleCount").asLong()).isZero();
            assertThat(hq.count("SELECT version FROM catalog_version")).isEqualTo(version);
            // each migration (V1, V2) applied once, none again on the second start
            assertThat(hq.count("SELECT count(*) FROM flyway_schema_history WHERE success")).isEqualTo(2);

            // the sync mark survived too: a resend is all duplicates
            SyncAck ack = Json.read(hq.postBatch(Hq.token("s1"), Hq.sales("s1", 1, 3, 300)).body(), SyncAck.class);
            assertThat(ack.applied()).isEqualTo(1);
            assertThat(ack.duplicates()).isEqualTo(2);
        }
    }

    @Test
    void aStoreDroppedFromTheConfigCanNoLongerSyncButKeepsItsHistory() {
        Path pg = dir.resolve("pg2");
        try (Hq hq = Hq.start(null, pg, Hq.store("old", "EUR"))) {
            assertThat(hq.postBatch(Hq.token("old"), Hq.sales("old", 1, 1, 100)).status()).isEqualTo(200);
        }
        try (Hq hq = Hq.start(null, pg, Hq.store("new", "EUR"))) {
            assertThat(hq.postBatch(Hq.token("old"), Hq.sales("old", 2, 2, 100)).status()).isEqualTo(401);
            assertThat(hq.summaryOf("old").get("saleCount").asLong()).isEqualTo(1);
        }
    }
}
