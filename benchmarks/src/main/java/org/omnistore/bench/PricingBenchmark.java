package org.omnistore.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.omnistore.contracts.Json;
import org.omnistore.contracts.catalog.CatalogItem;
import org.omnistore.contracts.pos.CompleteSale;
import org.omnistore.contracts.pos.PosCommand;
import org.omnistore.contracts.pos.TenderKind;
import org.omnistore.pos.pricing.BasketPricer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The CPU side of a checkout: pricing a 10-line basket and the command's JSON round trip. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PricingBenchmark {

    private List<BasketPricer.LineInput> basket;
    private byte[] completeSaleJson;

    @Setup
    public void setUp() {
        basket = new ArrayList<>();
        List<CompleteSale.LineRequest> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            CatalogItem item = new CatalogItem("SKU-" + i, "400638133393" + i, "Item " + i, "c", 199 + i * 37, i % 2 == 0 ? 700 : 1900);
            basket.add(new BasketPricer.LineInput(item, 1 + i % 3));
            lines.add(new CompleteSale.LineRequest(item.barcode(), 1 + i % 3));
        }
        completeSaleJson = Json.toBytes(new CompleteSale(1, "r-1", "till-1-42", lines,
                List.of(new CompleteSale.TenderRequest(TenderKind.CARD, 5000, "tok_abcdef123456"))));
    }

    @Benchmark
    public BasketPricer.PricedBasket priceTenLineBasket() {
        return BasketPricer.price("EUR", basket);
    }

    @Benchmark
    public PosCommand decodeCompleteSale() {
        return Json.read(completeSaleJson, PosCommand.class);
    }
}
