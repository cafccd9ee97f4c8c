package org.omnistore.contracts.catalog;

import java.util.List;
import org.omnistore.contracts.Versioned;

/** The whole catalog a store sells from, at one catalog version, as HQ serves it. */
public record CatalogSnapshot(int schemaVersion, String storeId, long version, String currency,
                              List<CatalogItem> items) implements Versioned {
}
