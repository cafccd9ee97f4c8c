package org.omnistore.pos.terminal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.omnistore.contracts.Json;
import org.omnistore.contracts.PayloadException;
import org.omnistore.contracts.Topic;
import org.omnistore.contracts.Topic.Channel;
import org.omnistore.contracts.Topic.DeviceKind;
import org.omnistore.contracts.Topics;
import org.omnistore.contracts.device.DeviceStatus;
import org.omnistore.contracts.pos.PosReply;

/**
 * The gateway's MQTT side: subscribes to every terminal's command topic and to terminal presence,
 * handles commands concurrently on virtual threads, and replies on each terminal's reply topic.
 *
 * <p>Commands are acknowledged to the broker only after the reply is published (Paho manual acks),
 * so a gateway that dies mid-request gets the command again from the broker's persistent session;
 * the terminal transaction id makes that redelivery harmless.
 */
public final class PosMqttEndpoint implements MqttCallbackExtended {

    private static final System.Logger LOG = System.getLogger(PosMqttEndpoint.class.getName());

    private final String storeId;
    private final MqttAsyncClient client;
    private final PosRequestHandler handler;
    private final ExecutorService workers;
    private final Semaphore inFlight;
    private final Map<String, DeviceStatus> terminals = new ConcurrentHashMap<>();
    private final CountDownLatch subscribed = new CountDownLatch(1);

    public PosMqttEndpoint(String storeId, MqttAsyncClient client, PosRequestHandler handler,
                           ExecutorService workers, int maxInFlight) {
        this.storeId = storeId;
        this.client = client;
        this.handler = handler;
        this.workers = workers;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** Terminal id to last known presence. */
    public Map<String, DeviceStatus> terminals() {
        return Map.copyOf(terminals);
    }

    /** Waits until the command subscription is in place: commands published before it would be dropped. */
    public boolean awaitSubscribed(Duration timeout) throws InterruptedException {
        return subscribed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        try {
            client.subscribe(new String[] {
                    Topics.filter(storeId, DeviceKind.POS, Channel.CMD),
                    Topics.filter(storeId, DeviceKind.POS, Channel.STATUS)
            }, new int[] {Channel.CMD.qos(), Channel.STATUS.qos()}, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    subscribed.countDown();
                    LOG.log(Level.INFO, "store=" + storeId + " POS gateway subscribed at " + serverURI
                            + (reconnect ? " (reconnected)" : ""));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    LOG.log(Level.ERROR, "store=" + storeId + " POS gateway could not subscribe", e);
                }
            });
        } catch (MqttException e) {
            LOG.log(Level.ERROR, "store=" + storeId + " POS gateway could not subscribe", e);
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        LOG.log(Level.WARNING, "store=" + storeId + " POS gateway lost the broker: " + cause.getMessage()
                + "; reconnecting");
    }

    @Override
    public void messageArrived(String topicName, MqttMessage message) {
        Topic topic;
        try {
            topic = Topics.parse(topicName);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "store=" + storeId + " ignored message on " + topicName + ": " + e.getMessage());
            ack(message);
            return;
        }
        if (topic.channel() == Channel.STATUS) {
            trackPresence(topic, message);
            ack(message);
            return;
        }
        // bounded concurrency: Paho's callback thread waits here when the gateway is saturated (backpressure)
        inFlight.acquireUninterruptibly();
        workers.execute(() -> {
            try {
                PosReply reply = handler.handle(topic.deviceId(), message.getPayload());
                Topic replyTopic = Topics.posReply(storeId, topic.deviceId());
                client.publish(replyTopic.path(), Json.toBytes(reply), replyTopic.qos(), false);
                ack(message);
            } catch (MqttException e) {
                // not acked: the broker redelivers the command after reconnect, and completion is idempotent
                LOG.log(Level.WARNING, "store=" + storeId + " terminal=" + topic.deviceId()
                        + " reply not published: " + e.getMessage());
            } finally {
                inFlight.release();
            }
        });
    }

    private void trackPresence(Topic topic, MqttMessage message) {
        if (message.getPayload().length == 0) {
            terminals.remove(topic.deviceId());
            return;
        }
        try {
            DeviceStatus status = Json.read(message.getPayload(), DeviceStatus.class);
            terminals.put(topic.deviceId(), status);
        } catch (PayloadException e) {
            terminals.put(topic.deviceId(), new DeviceStatus(1, topic.deviceId(), "unknown", Instant.now()));
            LOG.log(Level.WARNING, "store=" + storeId + " terminal=" + topic.deviceId() + " bad status: " + e.getMessage());
        }
    }

    private void ack(MqttMessage message) {
        try {
            client.messageArrivedComplete(message.getId(), message.getQos());
        } catch (MqttException e) {
            LOG.log(Level.WARNING, "store=" + storeId + " could not acknowledge message " + message.getId());
        }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // replies are QoS 1 fire-and-forget from the gateway's point of view
    }
}
