package org.omnistore.pos.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BarcodesTest {

    @Test
    void acceptsValidCheckDigitsOfEveryLength() {
        assertThat(Barcodes.hasValidCheckDigit("4006381333931")).isTrue();   // EAN-13
        assertThat(Barcodes.hasValidCheckDigit("036000291452")).isTrue();    // UPC-A
        assertThat(Barcodes.hasValidCheckDigit("96385074")).isTrue();        // EAN-8
        assertThat(Barcodes.hasValidCheckDigit("00036000291452")).isTrue();  // GTIN-14
    }

    @Test
    void rejectsMisreads() {
        assertThat(Barcodes.hasValidCheckDigit("4006381333932")).isFalse();
        assertThat(Barcodes.hasValidCheckDigit("4006381333913")).isFalse(); // two digits swapped
        assertThat(Barcodes.hasValidCheckDigit("036000291453")).isFalse();
        assertThat(Barcodes.hasValidCheckDigit("40063813339a1")).isFalse();
        assertThat(Barcodes.hasValidCheckDigit("12345")).isFalse();
        assertThat(Barcodes.hasValidCheckDigit(null)).isFalse();
    }

    @Test
    void upcAAndEan13NameTheSameItem() {
        assertThat(Barcodes.normalize("036000291452")).hasValue("0036000291452");
        assertThat(Barcodes.normalize("0036000291452")).hasValue("0036000291452");
        assertThat(Barcodes.normalize("00036000291452")).hasValue("0036000291452");
        assertThat(Barcodes.normalize("96385074")).hasValue("96385074");
        assertThat(Barcodes.normalize("036000291453")).isEmpty();
        assertThat(Barcodes.normalize("OAT-1")).isEmpty();
    }
}
