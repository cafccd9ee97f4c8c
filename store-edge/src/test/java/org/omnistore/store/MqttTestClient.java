package org.omnistore.store;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.omnistore.contracts.Json;
import org.omnistore.contracts.Topic;
import org.omnistore.contracts.Topics;
import org.omnistore.contracts.device.DeviceStatus;
import java.time.Instant;
import org.omnistore.contracts.pos.PosReply;

/** A bare terminal for tests: publishes raw payloads on its command topic and collects replies. */
final class MqttTestClient implements AutoCloseable {

    private final MqttClient client;
    private final String storeId;
    private final String terminalId;
    private final BlockingQueue<byte[]> replies = new LinkedBlockingQueue<>();

    MqttTestClient(String brokerUrl, String storeId, String terminalId) throws MqttException {
        this.storeId = storeId;
        this.terminalId = terminalId;
        client = new MqttClient(brokerUrl, "test-" + storeId + "-" + terminalId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        String status = Topics.status(storeId, Topic.DeviceKind.POS, terminalId).path();
        o.setWill(status, Json.toBytes(new DeviceStatus(1, terminalId, DeviceStatus.OFFLINE, Instant.now())), 1, true);
        client.connect(o);
        client.subscribe(Topics.posReply(storeId, terminalId).path(), 1, (topic, msg) -> replies.add(msg.getPayload()));
        client.publish(status, Json.toBytes(new DeviceStatus(1, terminalId, DeviceStatus.ONLINE, Instant.now())), 1, true);
    }

    /** Drops the connection without a DISCONNECT packet, as a crashed or unplugged till would. */
    void crash() throws MqttException {
        client.disconnectForcibly(0, 100, false);
        client.close();
    }

    PosReply request(Object command) throws Exception {
        return request(Json.toBytes(command));
    }

    PosReply request(byte[] payload) throws Exception {
        client.publish(Topics.posCommand(storeId, terminalId).path(), payload, 1, false);
        byte[] reply = replies.poll(10, TimeUnit.SECONDS);
        if (reply == null) {
            throw new AssertionError("no reply from the gateway within 10 s");
        }
        return Json.read(reply, PosReply.class);
    }

    @Override
    public void close() {
        // the broker may be going away under us (a killed store): a disconnect that races the loss of
        // the connection throws "currently disconnecting", so end the client whatever state it is in
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1_000, true);
            }
        } catch (MqttException e) {
            // already gone
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // nothing left to release
        }
    }
}
