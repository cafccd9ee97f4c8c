package org.omnistore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.omnistore.contracts.pos.CompleteSale;
import org.omnistore.contracts.pos.SaleCompleted;
import org.omnistore.contracts.pos.TenderKind;

/**
 * Kills a store edge process with SIGKILL right after it answered a sale, restarts it on the same
 * data directory, and checks the sale is there: a receipt means the sale is durable.
 */
class StoreCrashIT {

    private static Process startStore(Path dir, int apiPort, int brokerPort) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "-Dstore.id=crash-store", "-Dstore.data-dir=" + dir, "-Dserver.port=" + apiPort,
                "-Dbroker.port=" + brokerPort, "-Dsync.cloud-url=http://127.0.0.1:" + StoreEdgeIT.freePort(),
                "-Dsync.store-token=test-store-token-0123456789",
                StoreEdgeMain.class.getName()));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("store.log").toFile())).start();
    }

    @Test
    void aSaleAnsweredBeforeAKillIsThereAfterTheRestart() throws Exception {
        Path dir = Files.createTempDirectory("store-crash-it");
        int apiPort = StoreEdgeIT.freePort();
        int brokerPort = StoreEdgeIT.freePort();
        String api = "http://127.0.0.1:" + apiPort;
        // a catalog in the store's database, as an earlier pull from HQ would have left it (HQ is down here)
        var pool = org.h2.jdbcx.JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("store") + ";WRITE_DELAY=0", "sa", "");
        try {
            var gateway = org.omnistore.pos.PosGateway.create(org.omnistore.pos.PosConfig.defaults("crash-store"), pool,
                    org.omnistore.sync.outbox.Outbox.create(pool), org.omnistore.pos.sale.Durability.of("write", pool));
            gateway.replaceCatalog(StoreEdgeIT.catalog("crash-store"));
        } finally {
            pool.dispose();
        }

        Process store = startStore(dir, apiPort, brokerPort);
        SaleCompleted first;
        CompleteSale sale = new CompleteSale(1, "c1", "tx-crash",
                List.of(new CompleteSale.LineRequest("4006381333931", 3)),
                List.of(new CompleteSale.TenderRequest(TenderKind.CASH, 1000, null)));
        try {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> StoreEdgeIT.get(api + "/observe/health").statusCode() == 200);
            try (MqttTestClient till = new MqttTestClient("tcp://127.0.0.1:" + brokerPort, "crash-store", "till-1")) {
                first = (SaleCompleted) till.request(sale);
                store.destroyForcibly(); // SIGKILL the moment the receipt is in
                store.waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            store.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(first.duplicate()).isFalse();

        store = startStore(dir, apiPort, brokerPort);
        try {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> StoreEdgeIT.get(api + "/observe/health").statusCode() == 200);
            assertThat(StoreEdgeIT.getJson(api + "/api/v1/sales/summary").path("saleCount").asLong()).isEqualTo(1);
            assertThat(StoreEdgeIT.getJson(api + "/api/v1/store").path("sync").path("depth").asLong()).isEqualTo(1);
            try (MqttTestClient till = new MqttTestClient("tcp://127.0.0.1:" + brokerPort, "crash-store", "till-1")) {
                SaleCompleted again = (SaleCompleted) till.request(sale);
                assertThat(again.duplicate()).isTrue();
                assertThat(again.sale().saleId()).isEqualTo(first.sale().saleId());
            }
        } finally {
            store.destroy();
            store.waitFor(20, TimeUnit.SECONDS);
        }
    }
}
