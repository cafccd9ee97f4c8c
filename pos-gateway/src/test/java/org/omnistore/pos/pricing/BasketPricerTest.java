package org.omnistore.pos.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnistore.contracts.catalog.CatalogItem;

class BasketPricerTest {

    private static final CatalogItem MILK = new CatalogItem("OAT-1", "4006381333931", "Oat milk 1l", "dairy", 199, 700);
    private static final CatalogItem SOAP = new CatalogItem("SOAP-1", "4006381333948", "Soap", "home", 250, 1900);

    @Test
    void totalsAndIncludedTaxPerLine() {
        BasketPricer.PricedBasket basket = BasketPricer.price("EUR",
                List.of(new BasketPricer.LineInput(MILK, 3), new BasketPricer.LineInput(SOAP, 1)));
        assertThat(basket.totalMinor()).isEqualTo(597 + 250);
        // 597 * 7/107 = 39.06 -> 39 ; 250 * 19/119 = 39.92 -> 40
        assertThat(basket.lines()).extracting(BasketPricer.PricedLine::taxMinor).containsExactly(39L, 40L);
        assertThat(basket.taxMinor()).isEqualTo(79);
    }

    @Test
    void includedTaxRoundsHalfUpAndIsSymmetricForReturns() {
        // 107 * 700 / 10700 = 7.0 exactly; 1605 * 700/10700 = 105.0; 8 * 700 / 10700 = 0.523 -> 1
        assertThat(BasketPricer.includedTax(107, 700)).isEqualTo(7);
        assertThat(BasketPricer.includedTax(8, 700)).isEqualTo(1);
        assertThat(BasketPricer.includedTax(7, 700)).isEqualTo(0);
        assertThat(BasketPricer.includedTax(-8, 700)).isEqualTo(-1);
        assertThat(BasketPricer.includedTax(1000, 0)).isZero();
        assertThat(BasketPricer.includedTax(Long.MAX_VALUE / 2, 2000)).isPositive();
    }
}
