package org.omnistore.pos.sale;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.omnistore.contracts.Ids;
import org.omnistore.contracts.Versioned;
import org.omnistore.contracts.catalog.CatalogItem;
import org.omnistore.contracts.pos.CompleteSale;
import org.omnistore.contracts.pos.ItemPriced;
import org.omnistore.contracts.pos.SaleCompleted;
import org.omnistore.contracts.pos.ScanItem;
import org.omnistore.contracts.sale.Sale;
import org.omnistore.pos.PosConfig;
import org.omnistore.pos.PosException;
import org.omnistore.pos.catalog.Barcodes;
import org.omnistore.pos.catalog.CatalogCache;
import org.omnistore.pos.pricing.BasketPricer;
import org.omnistore.pos.pricing.TenderSettlement;
import org.omnistore.sync.outbox.Outbox;

/**
 * Scan and completion: prices from the store's catalog cache (the terminal's prices are never trusted),
 * settles tenders, journals the sale with its outbox event, waits for durability, then answers.
 */
public final class SaleService implements AutoCloseable {

    private static final long JOURNAL_TIMEOUT_SECONDS = 30;

    private final PosConfig config;
    private final CatalogCache catalog;
    private final SaleJournal journal;
    private final JournalWriter writer;
    private final Clock clock;

    public SaleService(PosConfig config, CatalogCache catalog, DataSource dataSource, Outbox outbox,
                       Durability durability, Clock clock) {
        this.config = config;
        this.catalog = catalog;
        this.journal = new SaleJournal(dataSource, outbox);
        this.writer = new JournalWriter(journal, durability, config.journalBatchMax(), config.storeId());
        this.clock = clock;
    }

    public ItemPriced scan(ScanItem scan) {
        int quantity = requireQuantity(scan.quantity());
        String currency = requireCatalog();
        CatalogItem item = requireItem(scan.code());
        long lineTotal = Math.multiplyExact(item.priceMinor(), (long) quantity);
        return new ItemPriced(Versioned.CURRENT, scan.requestId(), item.sku(), item.name(), quantity, currency,
                item.priceMinor(), lineTotal);
    }

    public SaleCompleted complete(String terminalId, CompleteSale request) {
        if (!Ids.isValid(request.terminalTxId())) {
            throw new PosException("bad-terminal-tx-id", "terminalTxId must match [A-Za-z0-9][A-Za-z0-9_-]{0,63}");
        }
        Optional<SaleJournal.Journaled> earlier = journal.find(terminalId, request.terminalTxId());
        if (earlier.isPresent()) {
            return duplicate(request, earlier.get());
        }
        Sale sale = build(terminalId, request);
        String receipt = ReceiptFormatter.format(sale);
        Optional<SaleJournal.Journaled> raced = awaitJournal(new SaleJournal.Pending(sale, receipt));
        if (raced.isPresent()) {
            return duplicate(request, raced.get());
        }
        return new SaleCompleted(Versioned.CURRENT, request.requestId(), false, sale, receipt);
    }

    /** Waits until the sale is durable in the journal (or was journaled before). */
    private Optional<SaleJournal.Journaled> awaitJournal(SaleJournal.Pending pending) {
        try {
            // bounded: a receipt that cannot be made durable in time becomes an "internal" reply and the
            // till retries with the same terminal transaction id
            return writer.submit(pending).get(JOURNAL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the journal did not confirm the sale within " + JOURNAL_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while journaling", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        writer.close();
    }

    /** Sales in this store's journal, per currency. */
    public List<SalesTotal> totals() {
        return journal.totals();
    }

    private Sale build(String terminalId, CompleteSale request) {
        List<CompleteSale.LineRequest> lines = request.lines();
        if (lines == null || lines.isEmpty()) {
            throw new PosException("empty-basket", "a sale needs at least one line");
        }
        if (lines.size() > config.maxLinesPerSale()) {
            throw new PosException("too-many-lines", "at most " + config.maxLinesPerSale() + " lines per sale");
        }
        if (request.tenders() != null && request.tenders().size() > config.maxTendersPerSale()) {
            throw new PosException("too-many-tenders", "at most " + config.maxTendersPerSale() + " tenders per sale");
        }
        String currency = requireCatalog();
        List<BasketPricer.LineInput> inputs = new ArrayList<>(lines.size());
        for (CompleteSale.LineRequest line : lines) {
            if (line == null) {
                throw new PosException("bad-line", "a basket line is null");
            }
            inputs.add(new BasketPricer.LineInput(requireItem(line.code()), requireQuantity(line.quantity())));
        }
        BasketPricer.PricedBasket basket = BasketPricer.price(currency, inputs);
        TenderSettlement.Settled settled = TenderSettlement.settle(basket.totalMinor(), request.tenders());
        List<Sale.Line> saleLines = basket.lines().stream()
                .map(l -> new Sale.Line(l.item().sku(), l.item().name(), l.quantity(), l.item().priceMinor(),
                        l.lineTotalMinor(), l.item().taxRateBasisPoints(), l.taxMinor()))
                .toList();
        return new Sale(Versioned.CURRENT, config.storeId(), UUID.randomUUID().toString(), terminalId,
                request.terminalTxId(), clock.instant(), currency, saleLines, basket.totalMinor(), basket.taxMinor(),
                settled.tenders(), settled.changeMinor());
    }

    private static SaleCompleted duplicate(CompleteSale request, SaleJournal.Journaled first) {
        return new SaleCompleted(Versioned.CURRENT, request.requestId(), true, first.sale(), first.receiptText());
    }

    private String requireCatalog() {
        return catalog.currency().orElseThrow(() -> new PosException("no-catalog",
                "the store has no catalog yet; it is pulled from HQ at start-up"));
    }

    private CatalogItem requireItem(String code) {
        if (code == null || code.isBlank()) {
            throw new PosException("bad-code", "a scanned code is missing");
        }
        if (Barcodes.looksLikeGtin(code) && !Barcodes.hasValidCheckDigit(code)) {
            throw new PosException("bad-check-digit", "barcode " + code + " has a wrong check digit: a misread, scan it again");
        }
        return catalog.find(code).orElseThrow(() -> new PosException("unknown-item", "no item with code " + abbreviate(code)));
    }

    private int requireQuantity(int quantity) {
        if (quantity < 1 || quantity > config.maxQuantityPerLine()) {
            throw new PosException("bad-quantity", "quantity must be 1.." + config.maxQuantityPerLine() + ", got " + quantity);
        }
        return quantity;
    }

    private static String abbreviate(String code) {
        return code.length() > 32 ? code.substring(0, 32) + "..." : code;
    }
}
