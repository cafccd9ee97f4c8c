package org.omnistore.pos;

/** A request the gateway refuses, with a stable machine-readable code; nothing was changed. */
public final class PosException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String code;

    public PosException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
