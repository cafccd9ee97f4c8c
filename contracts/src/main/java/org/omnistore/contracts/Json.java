package org.omnistore.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The one JSON codec every process uses for payloads, so the wire format is defined in one place.
 * Unknown fields are ignored (a newer sender may add fields within a schema version);
 * a missing or unsupported {@code schemaVersion} is rejected.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private Json() {
    }

    /** The shared mapper, for HTTP media support; treat it as read-only. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] toBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static String toText(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** Reads a payload and checks its schema version. */
    public static <T extends Versioned> T read(byte[] bytes, Class<T> type) {
        T value;
        try {
            value = MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw unreadable(type, e, () -> MAPPER.readTree(bytes));
        }
        return checkVersion(value, type);
    }

    public static <T extends Versioned> T read(String text, Class<T> type) {
        T value;
        try {
            value = MAPPER.readValue(text, type);
        } catch (IOException e) {
            throw unreadable(type, e, () -> MAPPER.readTree(text));
        }
        return checkVersion(value, type);
    }

    private interface TreeReader {
        JsonNode read() throws IOException;
    }

    /**
     * A payload of another schema version may well not fit this version's records: say that, rather
     * than name the first field that does not fit.
     */
    private static PayloadException unreadable(Class<?> type, IOException e, TreeReader tree) {
        try {
            JsonNode version = tree.read().get("schemaVersion");
            if (version != null && version.isInt() && version.intValue() != Versioned.CURRENT) {
                return new PayloadException("unsupported schemaVersion " + version.intValue() + " for "
                        + type.getSimpleName() + "; this node speaks " + Versioned.CURRENT, e);
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON at all: fall through to the parser's own message
        }
        return new PayloadException("malformed " + type.getSimpleName() + ": " + firstLine(e.getMessage()), e);
    }

    /** Reads a value that is not a top-level payload (e.g. an event inside a sync batch). */
    public static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (IOException e) {
            throw new PayloadException("malformed " + type.getSimpleName() + ": " + firstLine(e.getMessage()), e);
        }
    }

    public static <T> T readPlain(String text, Class<T> type) {
        try {
            return MAPPER.readValue(text, type);
        } catch (IOException e) {
            throw new PayloadException("malformed " + type.getSimpleName() + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static <T extends Versioned> T checkVersion(T value, Class<T> type) {
        if (value == null) {
            throw new PayloadException("empty " + type.getSimpleName());
        }
        if (value.schemaVersion() != Versioned.CURRENT) {
            throw new PayloadException("unsupported schemaVersion " + value.schemaVersion()
                    + " for " + type.getSimpleName() + "; this node speaks " + Versioned.CURRENT);
        }
        return value;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable JSON";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
