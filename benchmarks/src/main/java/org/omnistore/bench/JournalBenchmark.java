package org.omnistore.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.jdbcx.JdbcConnectionPool;
import org.omnistore.contracts.Json;
import org.omnistore.contracts.catalog.CatalogItem;
import org.omnistore.contracts.catalog.CatalogSnapshot;
import org.omnistore.contracts.pos.CompleteSale;
import org.omnistore.contracts.pos.SaleCompleted;
import org.omnistore.contracts.pos.TenderKind;
import org.omnistore.pos.PosConfig;
import org.omnistore.pos.PosGateway;
import org.omnistore.pos.sale.Durability;
import org.omnistore.sync.outbox.Outbox;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole sale completion without MQTT: decode, price, settle, journal sale + lines + tenders + outbox
 * event in H2, and wait for durability ({@code write}: process-crash safe; {@code fsync}: power-loss safe,
 * group commit shared by the 8 threads).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Threads(8)
@Fork(1)
public class JournalBenchmark {

    @Param({"write", "fsync"})
    public String durability;

    private JdbcConnectionPool pool;
    private PosGateway gateway;
    private final AtomicLong tx = new AtomicLong();
    private Path dir;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("journal-bench");
        pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("store") + ";WRITE_DELAY=0", "sa", "");
        pool.setMaxConnections(32);
        gateway = PosGateway.create(PosConfig.defaults("bench"), pool, Outbox.create(pool), Durability.of(durability, pool));
        gateway.replaceCatalog(new CatalogSnapshot(1, "bench", 1, "EUR", List.of(
                new CatalogItem("OAT-1", "4006381333931", "Oat milk", "dairy", 199, 700),
                new CatalogItem("COF-1", "4006381333948", "Coffee", "pantry", 649, 700))));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        gateway.close();
        pool.dispose();
    }

    @Benchmark
    public Object completeSale() {
        long n = tx.incrementAndGet();
        byte[] command = Json.toBytes(new CompleteSale(1, "r" + n, "tx-" + n,
                List.of(new CompleteSale.LineRequest("4006381333931", 2), new CompleteSale.LineRequest("COF-1", 1)),
                List.of(new CompleteSale.TenderRequest(TenderKind.CASH, 2000, null))));
        Object reply = gateway.handle("till-" + (n & 7), command);
        if (!(reply instanceof SaleCompleted)) {
            throw new IllegalStateException("sale refused: " + reply);
        }
        return reply;
    }
}
