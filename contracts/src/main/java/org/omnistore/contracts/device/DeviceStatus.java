package org.omnistore.contracts.device;

import java.time.Instant;
import org.omnistore.contracts.Versioned;

/**
 * Presence of a device on its retained {@code status} topic. A device publishes {@code online} on
 * connect and registers {@code offline} as its MQTT last will, so the edge learns of a dead device.
 */
public record DeviceStatus(int schemaVersion, String deviceId, String state, Instant at) implements Versioned {

    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";
}
