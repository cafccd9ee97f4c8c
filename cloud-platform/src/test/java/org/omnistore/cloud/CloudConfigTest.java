package org.omnistore.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.omnistore.cloud.CloudConfig.StoreSeed;

class CloudConfigTest {

    private static final String ADMIN = "admin-token-0123456789";

    /** Properties over the classpath application.yaml, as system properties would be layered. */
    private static CloudConfig config(Map<String, String> properties) {
        return CloudConfig.create(Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(properties), ConfigSources.classpath("application.yaml"))
                .build());
    }

    private static Map<String, String> minimal() {
        Map<String, String> p = new HashMap<>();
        p.put("cloud.admin-token", ADMIN);
        return p;
    }

    @Test
    void defaults() {
        CloudConfig c = config(minimal());
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.embeddedDatabase()).isTrue();
        assertThat(c.databaseUser()).isEqualTo("postgres");
        assertThat(c.poolSize()).isEqualTo(8);
        assertThat(c.embeddedDir()).isEqualTo(Path.of("data/cloud-pg"));
        assertThat(c.embeddedPort()).isZero();
        assertThat(c.stores()).isEmpty();
        assertThat(c.demoCatalog()).isFalse();
    }

    @Test
    void storesFromIndexedProperties() {
        Map<String, String> p = minimal();
        p.put("cloud.stores.0.id", "store-1");
        p.put("cloud.stores.0.name", "Main street");
        p.put("cloud.stores.0.currency", "EUR");
        p.put("cloud.stores.0.token", "store-1-token-0123456789");
        p.put("cloud.stores.1.id", "store-2");
        p.put("cloud.stores.1.currency", "USD");
        p.put("cloud.stores.1.token", "store-2-token-0123456789");
        p.put("cloud.database.url", "jdbc:postgresql://db:5432/hq");
        p.put("cloud.demo-catalog", "true");
        CloudConfig c = config(p);
        assertThat(c.stores()).extracting(StoreSeed::id).containsExactlyInAnyOrder("store-1", "store-2");
        assertThat(c.stores()).filteredOn(s -> s.id().equals("store-2")).singleElement()
                .satisfies(s -> assertThat(s.name()).isEqualTo("store-2"));
        assertThat(c.embeddedDatabase()).isFalse();
        assertThat(c.demoCatalog()).isTrue();
    }

    @Test
    void adminTokenIsRequiredAndLongEnough() {
        assertThatThrownBy(() -> config(new HashMap<>()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cloud.admin-token");
        Map<String, String> p = minimal();
        p.put("cloud.admin-token", "short");
        assertThatThrownBy(() -> config(p)).hasMessageContaining("at least 16");
    }

    @Test
    void boundsAndFormatsAreChecked() {
        assertRejected("server.port", "70000", "server.port must be 0..65535");
        assertRejected("server.port", "http", "server.port must be an integer");
        assertRejected("cloud.database.pool-size", "0", "pool-size must be 1..200");
        assertRejected("cloud.database.embedded-port", "-1", "embedded-port must be 0..65535");
        assertRejected("cloud.database.url", "postgres://x", "jdbc:postgresql:");
        assertRejected("cloud.database.embedded-dir", " ", "embedded-dir must not be empty");
        assertRejected("cloud.demo-catalog", "ture", "cloud.demo-catalog must be true or false");
    }

    private static void assertRejected(String key, String value, String message) {
        Map<String, String> p = minimal();
        p.put(key, value);
        assertThatThrownBy(() -> config(p)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void storesAreValidated() {
        assertThatThrownBy(() -> new StoreSeed("bad id", null, "EUR", "t-0123456789abcdef"))
                .hasMessageContaining("cloud.stores[].id");
        assertThatThrownBy(() -> new StoreSeed("s1", null, "EURO", "t-0123456789abcdef"))
                .hasMessageContaining("cloud.stores[s1].currency must be an ISO 4217 code");
        assertThatThrownBy(() -> new StoreSeed("s1", null, null, "t-0123456789abcdef"))
                .hasMessageContaining("currency");
        assertThatThrownBy(() -> new StoreSeed("s1", null, "EUR", "short"))
                .hasMessageContaining("cloud.stores[s1].token must be at least 16");

        StoreSeed a = new StoreSeed("a", null, "EUR", "same-token-0123456789");
        StoreSeed b = new StoreSeed("b", null, "EUR", "same-token-0123456789");
        assertThatThrownBy(() -> CloudConfig.forTests(null, null, ADMIN, a, b)).hasMessageContaining("unique");
        assertThatThrownBy(() -> CloudConfig.forTests(null, null, ADMIN, a, a)).hasMessageContaining("twice");
        assertThatThrownBy(() -> CloudConfig.forTests(null, null, ADMIN, new StoreSeed("c", null, "EUR", ADMIN)))
                .hasMessageContaining("differ from cloud.admin-token");

        Map<String, String> p = minimal();
        p.put("cloud.stores.0.currency", "EUR");
        assertThatThrownBy(() -> config(p)).hasMessageContaining("cloud.stores.0.id is missing");
    }

    @Test
    void toStringHidesSecrets() {
        CloudConfig c = new CloudConfig("127.0.0.1", 0, "jdbc:postgresql://db/hq", "hq", "db-secret", 2, null, 0, ADMIN,
                List.of(new StoreSeed("s1", null, "EUR", "store-secret-0123456789")), false);
        assertThat(c.toString()).doesNotContain(ADMIN, "store-secret", "db-secret").contains("s1");
    }
}
