package org.omnistore.contracts.pos;

/**
 * A refused command. Nothing was changed. {@code code} is stable and machine-readable
 * (e.g. {@code malformed}, {@code unknown-item}, {@code insufficient-tender}); {@code message} is for people.
 */
public record PosError(int schemaVersion, String requestId, String code, String message) implements PosReply {
}
