package org.omnistore.contracts;

import java.util.Objects;

/**
 * One MQTT topic of a store device: {@code omnistore/{store}/{kind}/{device}/{channel}}.
 * Build and parse topics only through this record and {@link Topics}; no module writes topic strings by hand.
 */
public record Topic(String storeId, DeviceKind kind, String deviceId, Channel channel) {

    public static final String ROOT = "omnistore";

    public Topic {
        Ids.require("storeId", storeId);
        Objects.requireNonNull(kind, "kind");
        Ids.require("deviceId", deviceId);
        Objects.requireNonNull(channel, "channel");
    }

    /** The kinds of device that talk to a store over MQTT. */
    public enum DeviceKind {
        POS("pos"), CAMERA("camera"), KIOSK("kiosk");

        private final String level;

        DeviceKind(String level) {
            this.level = level;
        }

        public String level() {
            return level;
        }

        static DeviceKind fromLevel(String level) {
            for (DeviceKind k : values()) {
                if (k.level.equals(level)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown device kind '" + level + "'");
        }
    }

    /** What flows on a topic, and at which QoS. */
    public enum Channel {
        /** device to edge: requests (QoS 1). */
        CMD("cmd", 1),
        /** edge to device: replies to requests (QoS 1). */
        REPLY("reply", 1),
        /** device presence: retained, with the device's last will (QoS 1). */
        STATUS("status", 1),
        /** device to edge: telemetry and events (QoS 1). */
        EVENT("event", 1);

        private final String level;
        private final int qos;

        Channel(String level, int qos) {
            this.level = level;
            this.qos = qos;
        }

        public String level() {
            return level;
        }

        public int qos() {
            return qos;
        }

        static Channel fromLevel(String level) {
            for (Channel c : values()) {
                if (c.level.equals(level)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown channel '" + level + "'");
        }
    }

    /** The topic string, e.g. {@code omnistore/s1/pos/t1/cmd}. */
    public String path() {
        return ROOT + "/" + storeId + "/" + kind.level() + "/" + deviceId + "/" + channel.level();
    }

    public int qos() {
        return channel.qos();
    }

    @Override
    public String toString() {
        return path();
    }
}
