package org.omnistore.pos.sale;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.omnistore.contracts.Json;
import org.omnistore.contracts.catalog.CatalogItem;
import org.omnistore.contracts.catalog.CatalogSnapshot;
import org.omnistore.contracts.pos.CompleteSale;
import org.omnistore.contracts.pos.ItemPriced;
import org.omnistore.contracts.pos.PosError;
import org.omnistore.contracts.pos.PosReply;
import org.omnistore.contracts.pos.SaleCompleted;
import org.omnistore.contracts.pos.ScanItem;
import org.omnistore.contracts.pos.TenderKind;
import org.omnistore.pos.PosConfig;
import org.omnistore.pos.PosGateway;
import org.omnistore.sync.outbox.Outbox;

/** The gateway over a real H2 file database, without MQTT. */
class SaleServiceIT {

    private Path dir;
    private JdbcConnectionPool pool;
    private Outbox outbox;
    private PosGateway gateway;

    @BeforeEach
    void start() throws Exception {
        dir = Files.createTempDirectory("pos-it");
        pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("store") + ";WRITE_DELAY=0", "sa", "");
        outbox = Outbox.create(pool);
        gateway = PosGateway.create(PosConfig.defaults("s1"), pool, outbox, Durability.of("fsync", pool));
        gateway.replaceCatalog(new CatalogSnapshot(1, "s1", 7, "EUR", List.of(
                new CatalogItem("OAT-1", "4006381333931", "Oat milk 1l", "dairy", 199, 700),
                new CatalogItem("SOAP-1", "4006381333948", "Soap", "home", 250, 1900),
                new CatalogItem("COLA-1", "0036000291452", "Cola", "drinks", 99, 1900))));
    }

    @AfterEach
    void stop() {
        gateway.close();
        pool.dispose();
    }

    private PosReply send(String terminal, Object command) {
        return gateway.handle(terminal, Json.toBytes(command));
    }

    private static CompleteSale sale(String tx, int milk, long cash) {
        return new CompleteSale(1, "r-" + tx, tx, List.of(new CompleteSale.LineRequest("4006381333931", milk),
                new CompleteSale.LineRequest("SOAP-1", 1)),
                List.of(new CompleteSale.TenderRequest(TenderKind.CASH, cash, null)));
    }

    @Test
    void scanPricesFromTheCachedCatalog() {
        PosReply reply = send("t1", new ScanItem(1, "a", "4006381333931", 2));
        assertThat(reply).isInstanceOfSatisfying(ItemPriced.class, p -> {
            assertThat(p.lineTotalMinor()).isEqualTo(398);
            assertThat(p.currency()).isEqualTo("EUR");
        });
    }

    @Test
    void aUpcAScanFindsTheItemListedUnderItsEan13AndMisreadsAreNamed() {
        assertThat(send("t1", new ScanItem(1, "a", "036000291452", 1)))
                .isInstanceOfSatisfying(ItemPriced.class, p -> assertThat(p.sku()).isEqualTo("COLA-1"));
        assertThat(send("t1", new ScanItem(1, "b", "4006381333932", 1)))
                .isInstanceOfSatisfying(PosError.class, e -> assertThat(e.code()).isEqualTo("bad-check-digit"));
        assertThat(send("t1", new ScanItem(1, "c", "4006381333917", 1)))
                .isInstanceOfSatisfying(PosError.class, e -> assertThat(e.code()).isEqualTo("unknown-item"));
    }

    @Test
    void completionJournalsTheSaleAndOneOutboxEvent() {
        PosReply reply = send("t1", sale("tx-1", 2, 1000));
        assertThat(reply).isInstanceOfSatisfying(SaleCompleted.class, r -> {
            assertThat(r.duplicate()).isFalse();
            assertThat(r.sale().totalMinor()).isEqualTo(648);
            assertThat(r.sale().changeMinor()).isEqualTo(352);
            assertThat(r.receiptText()).contains("TOTAL").contains("EUR 6.48");
        });
        assertThat(outbox.pending(10)).hasSize(1).first().satisfies(e -> {
            assertThat(e.seq()).isEqualTo(1);
            assertThat(e.type()).isEqualTo("sale");
            assertThat(e.payload().get("terminalTxId").asText()).isEqualTo("tx-1");
        });
    }

    @Test
    void aRepeatedTerminalTransactionReturnsTheFirstReceipt() {
        SaleCompleted first = (SaleCompleted) send("t1", sale("tx-1", 2, 1000));
        SaleCompleted again = (SaleCompleted) send("t1", sale("tx-1", 5, 5000));
        assertThat(again.duplicate()).isTrue();
        assertThat(again.sale()).isEqualTo(first.sale());
        assertThat(outbox.pending(10)).hasSize(1);
        // the same tx id on another terminal is another sale
        assertThat(((SaleCompleted) send("t2", sale("tx-1", 1, 1000))).duplicate()).isFalse();
    }

    @Test
    void concurrentRetriesOfOneSaleRecordItOnce() throws Exception {
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Future<PosReply>> replies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                replies.add(pool.submit((Callable<PosReply>) () -> send("t1", sale("tx-race", 1, 500))));
            }
            long fresh = 0;
            for (Future<PosReply> f : replies) {
                SaleCompleted r = (SaleCompleted) f.get();
                fresh += r.duplicate() ? 0 : 1;
            }
            assertThat(fresh).isEqualTo(1);
        }
        assertThat(outbox.pending(10)).hasSize(1);
        assertThat(gateway.salesTotals()).singleElement().satisfies(t -> assertThat(t.saleCount()).isEqualTo(1));
    }

    @Test
    void outboxSequenceIsDenseUnderConcurrency() throws Exception {
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Future<PosReply>> replies = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String tx = "tx-" + i;
                replies.add(pool.submit((Callable<PosReply>) () -> send("t" + (tx.hashCode() & 3), sale(tx, 1, 500))));
            }
            for (Future<PosReply> f : replies) {
                assertThat(f.get()).isInstanceOf(SaleCompleted.class);
            }
        }
        assertThat(outbox.pending(1000)).extracting(e -> e.seq())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 100).boxed().toList());
    }

    @Test
    void badInputGetsAnErrorAndChangesNothing() {
        assertThat(gateway.handle("t1", "{garbage".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(PosError.class, e -> assertThat(e.code()).isEqualTo("malformed"));
        assertThat(gateway.handle("t1", """
                {"type":"scan","schemaVersion":9,"requestId":"x","code":"1","quantity":1}""".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(PosError.class, e -> assertThat(e.message()).contains("schemaVersion 9"));
        assertThat(send("t1", new CompleteSale(1, "r", "tx-bad", List.of(new CompleteSale.LineRequest("nope", 1)),
                List.of(new CompleteSale.TenderRequest(TenderKind.CASH, 100, null)))))
                .isInstanceOfSatisfying(PosError.class, e -> assertThat(e.code()).isEqualTo("unknown-item"));
        assertThat(send("t1", sale("tx-short", 1, 10)))
                .isInstanceOfSatisfying(PosError.class, e -> assertThat(e.code()).isEqualTo("insufficient-tender"));
        assertThat(send("t1", sale("bad/tx", 1, 1000)))
                .isInstanceOfSatisfying(PosError.class, e -> assertThat(e.code()).isEqualTo("bad-terminal-tx-id"));
        assertThat(send("t1", sale("tx-q", 0, 1000)))
                .isInstanceOfSatisfying(PosError.class, e -> assertThat(e.code()).isEqualTo("bad-quantity"));
        assertThat(outbox.pending(10)).isEmpty();
        assertThat(gateway.salesTotals()).isEmpty();
    }

    @Test
    void catalogAndJournalSurviveARestart() {
        send("t1", sale("tx-1", 1, 1000));
        gateway.close();
        pool.dispose();
        pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("store") + ";WRITE_DELAY=0", "sa", "");
        outbox = Outbox.create(pool);
        gateway = PosGateway.create(PosConfig.defaults("s1"), pool, outbox, Durability.of("write", pool));
        assertThat(gateway.catalogVersion()).isEqualTo(7);
        assertThat(((SaleCompleted) send("t1", sale("tx-1", 1, 1000))).duplicate()).isTrue();
        assertThat(outbox.pending(10)).hasSize(1);
    }
}
