package org.omnistore.pos.pricing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.omnistore.contracts.catalog.CatalogItem;

/**
 * Prices a basket from catalog prices, in integer minor units. Prices include tax (VAT-style);
 * the tax contained in each line is {@code gross * rate / (1 + rate)}, rounded half-up per line.
 * Promotions, price lists and sales-tax regimes come with the POS issue; they plug in here so that
 * the same rules price online and offline.
 */
public final class BasketPricer {

    private BasketPricer() {
    }

    /** One basket line before pricing. */
    public record LineInput(CatalogItem item, int quantity) {
    }

    /** One priced line. */
    public record PricedLine(CatalogItem item, int quantity, long lineTotalMinor, long taxMinor) {
    }

    /** A priced basket: the total to pay and the tax it contains. */
    public record PricedBasket(String currency, List<PricedLine> lines, long totalMinor, long taxMinor) {
    }

    public static PricedBasket price(String currency, List<LineInput> inputs) {
        List<PricedLine> lines = new ArrayList<>(inputs.size());
        long total = 0;
        long tax = 0;
        for (LineInput in : inputs) {
            long gross = Math.multiplyExact(in.item().priceMinor(), (long) in.quantity());
            long lineTax = includedTax(gross, in.item().taxRateBasisPoints());
            lines.add(new PricedLine(in.item(), in.quantity(), gross, lineTax));
            total = Math.addExact(total, gross);
            tax = Math.addExact(tax, lineTax);
        }
        return new PricedBasket(currency, List.copyOf(lines), total, tax);
    }

    /** Tax contained in a tax-inclusive amount, rounded half-up to the minor unit. */
    public static long includedTax(long grossMinor, int rateBasisPoints) {
        if (rateBasisPoints == 0 || grossMinor == 0) {
            return 0;
        }
        if (grossMinor < 0) {
            return -includedTax(-grossMinor, rateBasisPoints); // returns: symmetric rounding
        }
        // round(x / d) half-up == floor((2x + d) / 2d), in BigInteger so large amounts cannot overflow
        BigInteger d = BigInteger.valueOf(10_000L + rateBasisPoints);
        BigInteger twoX = BigInteger.valueOf(grossMinor).multiply(BigInteger.valueOf(rateBasisPoints)).shiftLeft(1);
        return twoX.add(d).divide(d.shiftLeft(1)).longValueExact();
    }
}
