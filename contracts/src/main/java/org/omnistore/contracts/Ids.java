package org.omnistore.contracts;

import java.util.Currency;
import java.util.regex.Pattern;

/** Validation of identifiers that travel in topics, URLs and payloads. */
public final class Ids {

    /** Store, device and terminal ids: safe inside an MQTT topic level and a URL path segment. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private Ids() {
    }

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** Returns the id or throws with a message that names the field. */
    public static String require(String field, String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException(field + " must match [A-Za-z0-9][A-Za-z0-9_-]{0,63}, got '" + id + "'");
        }
        return id;
    }

    static boolean isCurrency(String code) {
        if (code == null || code.length() != 3) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
