package org.omnistore.pos.catalog;

import java.util.Optional;

/**
 * GTIN barcodes as tills scan them: EAN-8, UPC-A (12 digits), EAN-13 and GTIN-14, each ending in a
 * mod-10 check digit. A scan with a wrong check digit is a misread, not an unknown item. UPC-A and
 * EAN-13 name the same item when the EAN-13 is the UPC-A with a leading zero, so codes are compared in
 * their 13-digit form. (Small enough that a barcode library would bring more than it saves.)
 */
public final class Barcodes {

    private Barcodes() {
    }

    /** True for 8, 12, 13 or 14 digits: a code that must carry a valid check digit. */
    public static boolean looksLikeGtin(String code) {
        if (code == null) {
            return false;
        }
        int n = code.length();
        if (n != 8 && n != 12 && n != 13 && n != 14) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (code.charAt(i) < '0' || code.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** GS1 mod-10: weights 3 and 1 alternate from the digit left of the check digit. */
    public static boolean hasValidCheckDigit(String gtin) {
        if (!looksLikeGtin(gtin)) {
            return false;
        }
        int sum = 0;
        int last = gtin.length() - 1;
        for (int i = last - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
            sum += (gtin.charAt(i) - '0') * weight;
        }
        return (10 - sum % 10) % 10 == gtin.charAt(last) - '0';
    }

    /**
     * The 13-digit form of a valid UPC-A, EAN-13 or GTIN-14 with a leading zero; an EAN-8 as it is;
     * empty when the code is not a valid GTIN.
     */
    public static Optional<String> normalize(String code) {
        if (!hasValidCheckDigit(code)) {
            return Optional.empty();
        }
        return switch (code.length()) {
            case 12 -> Optional.of("0" + code);
            case 14 -> code.charAt(0) == '0' ? Optional.of(code.substring(1)) : Optional.of(code);
            default -> Optional.of(code);
        };
    }
}
