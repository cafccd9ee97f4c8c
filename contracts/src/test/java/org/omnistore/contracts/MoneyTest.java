package org.omnistore.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void arithmeticIsExactInMinorUnits() {
        Money price = Money.of("EUR", 199);
        assertThat(price.times(3)).isEqualTo(Money.of("EUR", 597));
        assertThat(price.plus(Money.of("EUR", 1))).isEqualTo(Money.of("EUR", 200));
        assertThat(price.minus(Money.of("EUR", 200)).isNegative()).isTrue();
    }

    @Test
    void formatsWithTheCurrencysDecimals() {
        assertThat(Money.of("EUR", 1230).format()).isEqualTo("EUR 12.30");
        assertThat(Money.of("JPY", 1230).format()).isEqualTo("JPY 1230");
        assertThat(Money.of("CNY", 5).format()).isEqualTo("CNY 0.05");
    }

    @Test
    void refusesMixedCurrenciesAndOverflow() {
        assertThatThrownBy(() -> Money.of("EUR", 1).plus(Money.of("USD", 1))).hasMessageContaining("currency mismatch");
        assertThatThrownBy(() -> Money.of("EUR", Long.MAX_VALUE).times(2)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.of("EURO", 1)).hasMessageContaining("ISO 4217");
    }
}
