package org.omnistore.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The demo catalog the stores price from: well-formed, valid EAN-13 barcodes, both currencies. */
class DemoCatalogTest {

    @Test
    void demoCatalogIsWellFormed() throws Exception {
        List<String[]> rows;
        try (var in = new BufferedReader(new InputStreamReader(
                DemoCatalogTest.class.getResourceAsStream("/demo-catalog.csv"), StandardCharsets.UTF_8))) {
            rows = in.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split(",", -1)).toList();
        }
        assertThat(rows.getFirst()).containsExactly("sku", "barcode", "name", "category", "tax_rate_bp",
                "price_EUR", "price_USD");
        List<String[]> items = rows.subList(1, rows.size());
        assertThat(items).hasSizeBetween(25, 40);
        Set<String> skus = new HashSet<>();
        Set<String> barcodes = new HashSet<>();
        for (String[] r : items) {
            assertThat(r).hasSize(7);
            assertThat(skus.add(r[0])).as("unique sku %s", r[0]).isTrue();
            assertThat(barcodes.add(r[1])).as("unique barcode %s", r[1]).isTrue();
            assertThat(validEan13(r[1])).as("EAN-13 check digit of %s (%s)", r[0], r[1]).isTrue();
            assertThat(r[4]).isIn("700", "1900");
            assertThat(Long.parseLong(r[5])).isPositive();
            assertThat(Long.parseLong(r[6])).isPositive();
        }
        assertThat(items).anyMatch(r -> r[2].toLowerCase().contains("oat milk"));
    }

    static boolean validEan13(String code) {
        if (!code.matches("\\d{13}")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (code.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return (10 - sum % 10) % 10 == code.charAt(12) - '0';
    }

    @Test
    void checkDigitRuleRejectsATypo() {
        assertThat(validEan13("4006381333931")).isTrue();
        assertThat(validEan13("4006381333932")).isFalse();
    }
}
