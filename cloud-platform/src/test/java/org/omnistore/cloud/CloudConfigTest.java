package org.omnistore.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudConfigTest {

    private static CloudConfig.StoreSeed store(String id, String token) {
        return new CloudConfig.StoreSeed(id, null, "EUR", token);
    }

    @Test
    void readsStoresFromConfigAndDefaultsTheRest() {
        Config c = Config.just(ConfigSources.create(Map.of(
                "cloud.admin-token", "admin-token-0123456789",
                "cloud.stores.0.id", "store-1",
                "cloud.stores.0.currency", "USD",
                "cloud.stores.0.token", "store-token-0123456789")));
        CloudConfig config = CloudConfig.create(c);
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.embeddedDatabase()).isTrue();
        assertThat(config.stores()).singleElement().satisfies(s -> {
            assertThat(s.currency()).isEqualTo("USD");
            assertThat(s.name()).isEqualTo("store-1");
        });
    }

    @Test
    void refusesMissingOrWeakSecrets() {
        assertThatThrownBy(() -> new CloudConfig("h", 0, "", "u", "", 4, Path.of("d"), 0, null, List.of(), false))
                .hasMessageContaining("cloud.admin-token");
        assertThatThrownBy(() -> store("s1", "short")).hasMessageContaining("at least 16");
        assertThatThrownBy(() -> new CloudConfig("h", 0, "", "u", "", 4, Path.of("d"), 0, "admin-token-0123456789",
                List.of(store("s1", "same-token-0123456789"), store("s2", "same-token-0123456789")), false))
                .hasMessageContaining("unique");
        assertThatThrownBy(() -> new CloudConfig("h", 0, "", "u", "", 4, Path.of("d"), 0, "admin-token-0123456789",
                List.of(store("s1", "token-0123456789abc"), store("s1", "token-0123456789abd")), false))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> new CloudConfig.StoreSeed("s/1", null, "EUR", "token-0123456789abc"))
                .hasMessageContaining("id");
        assertThatThrownBy(() -> new CloudConfig.StoreSeed("s1", null, "EURO", "token-0123456789abc"))
                .hasMessageContaining("ISO 4217");
    }
}
