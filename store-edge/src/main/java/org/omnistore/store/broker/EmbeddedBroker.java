package org.omnistore.store.broker;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Properties;

/**
 * The store's embedded MQTT 3.1.1 broker (Moquette), for a store that runs no broker of its own.
 * Persistent: sessions and queued QoS 1 messages live under the store's data directory.
 */
public final class EmbeddedBroker implements AutoCloseable {

    /** Largest MQTT message the embedded broker accepts (configure Mosquitto's message_size_limit alike). */
    public static final int MAX_MESSAGE_BYTES = 1024 * 1024;

    private final Server server = new Server();

    private EmbeddedBroker() {
    }

    public static EmbeddedBroker start(BrokerConfig config) {
        try {
            Files.createDirectories(config.dataDir());
            Properties p = new Properties();
            p.setProperty("host", config.host());
            p.setProperty("port", Integer.toString(config.port()));
            p.setProperty("websocket_port", "disabled");
            p.setProperty("persistence_enabled", "true");
            p.setProperty("data_path", config.dataDir().toAbsolutePath().toString());
            // device credentials and topic ACLs come with the security issue; bind to loopback until then
            p.setProperty("allow_anonymous", "true");
            p.setProperty("telemetry_enabled", "false");
            p.setProperty("immediate_buffer_flush", "true");
            p.setProperty("netty.tcp_nodelay", "true");
            // Moquette's default cap is 8 KB and it drops the connection of a sender above it: a receipt
            // of a 45-line basket is bigger. The gateway refuses commands above MAX_PAYLOAD_BYTES itself.
            p.setProperty("netty.mqtt.message_size", Integer.toString(MAX_MESSAGE_BYTES));
            EmbeddedBroker broker = new EmbeddedBroker();
            broker.server.startServer(new MemoryConfig(p));
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded MQTT broker did not start on " + config.host() + ":" + config.port(), e);
        }
    }

    @Override
    public void close() {
        server.stopServer();
    }
}
