package org.omnistore.sim.pos;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a simulated shopper can pick: the store's barcodes and their shelf prices (a till that does not
 * scan each item first still needs the total to hand over enough cash).
 */
public record Shelf(List<String> codes, Map<String, Long> prices) {

    public Shelf {
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("the store has no catalog yet");
        }
        codes = List.copyOf(codes);
        prices = Map.copyOf(prices);
    }

    /** From the store API's {@code GET /api/v1/catalog} answer. */
    public static Shelf fromCatalog(JsonNode catalog) {
        List<String> codes = new ArrayList<>();
        Map<String, Long> prices = new HashMap<>();
        for (JsonNode item : catalog.path("items")) {
            String code = item.path("barcode").asText(item.path("sku").asText());
            codes.add(code);
            prices.put(code, item.path("priceMinor").asLong());
        }
        return new Shelf(codes, prices);
    }
}
