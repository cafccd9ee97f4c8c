package org.omnistore.sim.pos;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.omnistore.contracts.Json;
import org.omnistore.contracts.NoDelaySocketFactory;
import org.omnistore.contracts.PayloadException;
import org.omnistore.contracts.Topic;
import org.omnistore.contracts.Topics;
import org.omnistore.contracts.Versioned;
import org.omnistore.contracts.device.DeviceStatus;
import org.omnistore.contracts.pos.CompleteSale;
import org.omnistore.contracts.pos.ItemPriced;
import org.omnistore.contracts.pos.PosCommand;
import org.omnistore.contracts.pos.PosError;
import org.omnistore.contracts.pos.PosReply;
import org.omnistore.contracts.pos.SaleCompleted;
import org.omnistore.contracts.pos.ScanItem;
import org.omnistore.contracts.pos.TenderKind;

/**
 * A simulated POS terminal: a real MQTT client of the store's broker that rings up baskets
 * (scan each item, then complete with cash or a card token) exactly as a till would, with its
 * presence on a retained status topic and an {@code offline} last will.
 *
 * <p>A completion that gets no reply in time is retried with the same terminal transaction id,
 * as a real till must: the store answers a repeat with the first receipt.
 */
public final class SimTerminal implements AutoCloseable, MqttCallbackExtended {

    private static final System.Logger LOG = System.getLogger(SimTerminal.class.getName());

    private final String storeId;
    private final String terminalId;
    private final MqttAsyncClient client;
    private final Map<String, CompletableFuture<PosReply>> pending = new ConcurrentHashMap<>();
    private final TerminalStats stats;
    private final Duration replyTimeout;
    private long requestCounter;
    private long txCounter;

    public SimTerminal(String brokerUrl, String storeId, String terminalId, TerminalStats stats, Duration replyTimeout)
            throws MqttException {
        this.storeId = storeId;
        this.terminalId = terminalId;
        this.stats = stats;
        this.replyTimeout = replyTimeout;
        this.client = new MqttAsyncClient(brokerUrl, "term-" + storeId + "-" + terminalId, new MemoryPersistence());
        client.setCallback(this);
    }

    public String terminalId() {
        return terminalId;
    }

    public SimTerminal connect() throws MqttException {
        Topic status = Topics.status(storeId, Topic.DeviceKind.POS, terminalId);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(true);
        options.setMaxInflight(100);
        options.setSocketFactory(new NoDelaySocketFactory());
        options.setWill(status.path(), Json.toBytes(new DeviceStatus(Versioned.CURRENT, terminalId,
                DeviceStatus.OFFLINE, Instant.now())), status.qos(), true);
        client.connect(options).waitForCompletion(10_000);
        announce();
        return this;
    }

    /** Subscribes to replies (before the first request, so no reply can be missed) and says online. */
    private void announce() throws MqttException {
        client.subscribe(Topics.posReply(storeId, terminalId).path(), 1).waitForCompletion(10_000);
        Topic status = Topics.status(storeId, Topic.DeviceKind.POS, terminalId);
        client.publish(status.path(), Json.toBytes(new DeviceStatus(Versioned.CURRENT, terminalId,
                DeviceStatus.ONLINE, Instant.now())), status.qos(), true);
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        if (!reconnect) {
            return; // connect() announces the first time
        }
        // a clean session lost its subscription: renew it off Paho's callback thread
        Thread.ofVirtual().start(() -> {
            try {
                announce();
            } catch (MqttException e) {
                LOG.log(Level.WARNING, "terminal=" + terminalId + " resubscribe failed: " + e.getMessage());
            }
        });
    }

    /**
     * Rings up one basket of 1..maxItems random items from the shelf and completes it. With
     * {@code scanEach} every item is priced by the store first (a round trip each, as a real till does);
     * without it the till sends the whole basket at completion.
     *
     * @return the receipt, or null when the store refused it or never answered within the retries
     */
    public SaleCompleted sellOneBasket(Shelf shelf, int maxItems, int maxRetries, boolean scanEach)
            throws InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int items = 1 + random.nextInt(maxItems);
        List<CompleteSale.LineRequest> lines = new ArrayList<>(items);
        long expectedTotal = 0;
        for (int i = 0; i < items; i++) {
            String code = shelf.codes().get(random.nextInt(shelf.codes().size()));
            int quantity = 1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
            if (!scanEach) {
                expectedTotal += shelf.prices().get(code) * quantity;
                lines.add(new CompleteSale.LineRequest(code, quantity));
                continue;
            }
            PosReply reply = request(new ScanItem(Versioned.CURRENT, nextRequestId(), code, quantity), 0);
            if (reply instanceof ItemPriced priced) {
                expectedTotal += priced.lineTotalMinor();
                lines.add(new CompleteSale.LineRequest(code, quantity));
            }
        }
        if (lines.isEmpty()) {
            return null;
        }
        String txId = terminalId + "-" + (++txCounter) + "-" + Long.toHexString(random.nextLong() & 0xffffffL);
        List<CompleteSale.TenderRequest> tenders = random.nextBoolean()
                ? List.of(new CompleteSale.TenderRequest(TenderKind.CARD, expectedTotal,
                        cardToken(random)))
                : List.of(new CompleteSale.TenderRequest(TenderKind.CASH, roundUpForCash(expectedTotal), null));
        stats.started();
        long start = System.nanoTime();
        for (int attempt = 0; attempt <= maxRetries; attempt++) {
            CompleteSale complete = new CompleteSale(Versioned.CURRENT, nextRequestId(), txId, lines, tenders);
            PosReply reply = request(complete, attempt);
            if (reply instanceof SaleCompleted receipt) {
                stats.completed(storeId, txId, receipt.sale().currency(), receipt.sale().totalMinor(),
                        System.nanoTime() - start, attempt > 0);
                return receipt;
            }
            if (reply instanceof PosError error && !"internal".equals(error.code())) {
                stats.refused(error.code());
                return null;
            }
            // no reply or an internal error: retry with the same terminal transaction id
        }
        stats.unconfirmed(storeId, txId);
        return null;
    }

    /** A token as a card reader would issue it: letters only, so it can never look like a card number. */
    private static String cardToken(ThreadLocalRandom random) {
        StringBuilder sb = new StringBuilder("tok_");
        for (int i = 0; i < 16; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }

    private static long roundUpForCash(long total) {
        return ((total + 499) / 500) * 500; // the shopper hands over the next 5 units
    }

    private PosReply request(PosCommand command, int attempt) throws InterruptedException {
        if (!client.isConnected()) {
            // a till without its broker waits for the automatic reconnect instead of spinning
            stats.disconnected();
            Thread.sleep(250);
            return null;
        }
        CompletableFuture<PosReply> future = new CompletableFuture<>();
        pending.put(command.requestId(), future);
        try {
            Topic topic = Topics.posCommand(storeId, terminalId);
            client.publish(topic.path(), Json.toBytes(command), topic.qos(), false);
            return future.get(replyTimeout.toMillis() * (attempt + 1), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stats.timeout();
            return null;
        } catch (MqttException e) {
            LOG.log(Level.DEBUG, "terminal=" + terminalId + " publish failed: " + e.getMessage());
            stats.disconnected();
            Thread.sleep(100);
            return null;
        } catch (ExecutionException e) {
            return null;
        } finally {
            pending.remove(command.requestId());
        }
    }

    private synchronized String nextRequestId() {
        return terminalId + "-r" + (++requestCounter);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        try {
            PosReply reply = Json.read(message.getPayload(), PosReply.class);
            CompletableFuture<PosReply> f = reply.requestId() == null ? null : pending.get(reply.requestId());
            if (f != null) {
                f.complete(reply);
            }
        } catch (PayloadException e) {
            LOG.log(Level.WARNING, "terminal=" + terminalId + " unreadable reply: " + e.getMessage());
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        LOG.log(Level.WARNING, "terminal=" + terminalId + " store=" + storeId + " lost the broker", cause);
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // nothing to do: replies are matched by request id
    }

    /** Publishes raw bytes on this terminal's command topic (for bad-input tests and demos). */
    public void publishRaw(byte[] payload) throws MqttException {
        Topic topic = Topics.posCommand(storeId, terminalId);
        client.publish(topic.path(), payload, topic.qos(), false);
    }

    @Override
    public void close() {
        try {
            Topic status = Topics.status(storeId, Topic.DeviceKind.POS, terminalId);
            client.publish(status.path(), Json.toBytes(new DeviceStatus(Versioned.CURRENT, terminalId,
                    DeviceStatus.OFFLINE, Instant.now())), status.qos(), true).waitForCompletion(2_000);
            client.disconnect().waitForCompletion(2_000);
            client.close();
        } catch (MqttException e) {
            LOG.log(Level.DEBUG, "terminal=" + terminalId + " close: " + e.getMessage());
        }
    }
}
