package org.omnistore.cloud;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The HQ API on the embedded PostgreSQL that {@code cloud.database.url=""} starts. */
class EmbeddedPostgresIT extends CloudApiContract {

    @TempDir
    static Path dir;
    private static Hq hq;

    @BeforeAll
    static void start() {
        hq = Hq.start(null, dir.resolve("pg"), STORES);
    }

    @AfterAll
    static void stop() {
        if (hq != null) {
            hq.close();
        }
    }

    @Override
    Hq hq() {
        return hq;
    }
}
