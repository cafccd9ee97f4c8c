package org.omnistore.contracts;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money as integer minor units (cents, fen, yen) of one ISO 4217 currency.
 * Never floating point: every sum, tax and change is exact.
 */
public record Money(String currency, long minor) {

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (!Ids.isCurrency(currency)) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code, got '" + currency + "'");
        }
    }

    public static Money of(String currency, long minor) {
        return new Money(currency, minor);
    }

    public static Money zero(String currency) {
        return new Money(currency, 0);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(currency, Math.addExact(minor, other.minor));
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(currency, Math.subtractExact(minor, other.minor));
    }

    public Money times(long quantity) {
        return new Money(currency, Math.multiplyExact(minor, quantity));
    }

    public boolean isNegative() {
        return minor < 0;
    }

    /** Human form with the currency's own number of decimals, e.g. {@code EUR 12.30}. */
    public String format() {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return currency + " " + BigDecimal.valueOf(minor, digits).toPlainString();
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " vs " + other.currency);
        }
    }
}
