package org.omnistore.contracts;

/** A payload that cannot be read: malformed JSON, a missing field, or an unsupported schema version. */
public final class PayloadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PayloadException(String message) {
        super(message);
    }

    public PayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
