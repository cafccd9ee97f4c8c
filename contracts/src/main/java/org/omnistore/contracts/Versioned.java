package org.omnistore.contracts;

/**
 * A payload that carries its schema version. Receivers reject versions they do not speak
 * with an error reply instead of guessing.
 */
public interface Versioned {

    /** The payload schema version this build writes and reads. */
    int CURRENT = 1;

    int schemaVersion();
}
