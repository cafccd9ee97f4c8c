package org.omnistore.contracts;

import org.omnistore.contracts.Topic.Channel;
import org.omnistore.contracts.Topic.DeviceKind;

/** Builds and parses the store's MQTT topics. See {@code docs/mqtt-topics.md}. */
public final class Topics {

    private Topics() {
    }

    public static Topic posCommand(String storeId, String terminalId) {
        return new Topic(storeId, DeviceKind.POS, terminalId, Channel.CMD);
    }

    public static Topic posReply(String storeId, String terminalId) {
        return new Topic(storeId, DeviceKind.POS, terminalId, Channel.REPLY);
    }

    public static Topic status(String storeId, DeviceKind kind, String deviceId) {
        return new Topic(storeId, kind, deviceId, Channel.STATUS);
    }

    /** Subscription filter for one channel of every device of a kind in a store, e.g. {@code omnistore/s1/pos/+/cmd}. */
    public static String filter(String storeId, DeviceKind kind, Channel channel) {
        Ids.require("storeId", storeId);
        return Topic.ROOT + "/" + storeId + "/" + kind.level() + "/+/" + channel.level();
    }

    /**
     * Parses a topic string.
     *
     * @throws IllegalArgumentException naming what is wrong, for a topic outside the scheme
     */
    public static Topic parse(String topic) {
        if (topic == null) {
            throw new IllegalArgumentException("topic is null");
        }
        String[] levels = topic.split("/", -1);
        if (levels.length != 5 || !Topic.ROOT.equals(levels[0])) {
            throw new IllegalArgumentException("not an omnistore device topic: '" + topic + "'");
        }
        return new Topic(levels[1], DeviceKind.fromLevel(levels[2]), levels[3], Channel.fromLevel(levels[4]));
    }
}
