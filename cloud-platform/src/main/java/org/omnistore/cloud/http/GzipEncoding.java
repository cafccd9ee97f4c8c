package org.omnistore.cloud.http;

import io.helidon.http.encoding.ContentDecoder;
import io.helidon.http.encoding.ContentEncoder;
import io.helidon.http.encoding.ContentEncoding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * gzip content encoding for Helidon's web server. Helidon's own {@code helidon-http-encoding-gzip}
 * module is not published for 4.5.0, so this registers the JDK's gzip streams through the same SPI.
 * Stores send their sync batches gzip-compressed.
 */
public final class GzipEncoding implements ContentEncoding {

    @Override
    public Set<String> ids() {
        return Set.of("gzip", "x-gzip");
    }

    @Override
    public boolean supportsEncoding() {
        return true;
    }

    @Override
    public boolean supportsDecoding() {
        return true;
    }

    @Override
    public ContentDecoder decoder() {
        return in -> {
            try {
                return new GZIPInputStream(in);
            } catch (IOException e) {
                throw new UncheckedIOException("request body is not valid gzip", e);
            }
        };
    }

    @Override
    public ContentEncoder encoder() {
        return out -> {
            try {
                return new GZIPOutputStream(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    @Override
    public String name() {
        return "gzip";
    }

    @Override
    public String type() {
        return "gzip";
    }
}
