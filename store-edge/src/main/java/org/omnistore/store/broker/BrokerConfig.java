package org.omnistore.store.broker;

import io.helidon.config.Config;
import java.nio.file.Path;

/**
 * The store's MQTT broker: embedded (Moquette, inside the edge process) or external (e.g. Mosquitto).
 *
 * @param embedded  start the embedded broker ({@code broker.embedded}, default true)
 * @param host      embedded broker bind address ({@code broker.host})
 * @param port      embedded broker port ({@code broker.port}, default 1885: 1883 is usually a system broker)
 * @param url       broker URL the edge connects to when not embedded ({@code broker.url}, e.g. tcp://127.0.0.1:1883)
 * @param dataDir   embedded broker persistence (sessions and queued QoS 1 messages survive a restart)
 */
public record BrokerConfig(boolean embedded, String host, int port, String url, Path dataDir) {

    public BrokerConfig {
        if (embedded && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("broker.port must be 1..65535, got " + port);
        }
        if (!embedded && (url == null || !(url.startsWith("tcp://") || url.startsWith("ssl://")))) {
            throw new IllegalArgumentException("broker.url must be tcp://host:port or ssl://host:port when broker.embedded=false");
        }
    }

    public static BrokerConfig create(Config broker, Path defaultDataDir) {
        boolean embedded = broker.get("embedded").asBoolean().orElse(true);
        String host = broker.get("host").asString().orElse("127.0.0.1");
        int port = broker.get("port").asInt().orElse(1885);
        return new BrokerConfig(embedded, host, port,
                broker.get("url").asString().orElse(embedded ? "tcp://" + host + ":" + port : null),
                broker.get("data-dir").asString().map(Path::of).orElse(defaultDataDir));
    }

    /** The URL clients use to reach this broker. */
    public String clientUrl() {
        return embedded ? "tcp://" + host + ":" + port : url;
    }
}
