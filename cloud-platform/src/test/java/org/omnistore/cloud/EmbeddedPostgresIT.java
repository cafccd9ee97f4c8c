package org.omnistore.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HQ on the embedded PostgreSQL (the demo's default), including a restart on the same data. */
class EmbeddedPostgresIT extends CloudPlatformContract {

    private static Path dataDir;
    private static CloudPlatform cloud;

    static CloudConfig config(Path dir) {
        return new CloudConfig("127.0.0.1", 0, "", "postgres", "", 4, dir, 0, ADMIN, seeds(), true);
    }

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("cloud-pg-it");
        cloud = CloudPlatform.create(config(dataDir)).start();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Override
    String base() {
        return cloud.baseUri();
    }

    @Test
    void aRestartKeepsEverythingAndMigratesNothingTwice() throws Exception {
        send(batch("s4", 1, 2));
        cloud.close();
        cloud = CloudPlatform.create(config(dataDir)).start();
        assertThat(storeSummary("s4").path("saleCount").asLong()).isEqualTo(2);
        assertThat(send(batch("s4", 2, 3)).appliedThrough()).isEqualTo(3);
    }
}
