package org.omnistore.contracts.catalog;

/**
 * A sellable item as a store sees it: price in minor units of the catalog's currency, tax included,
 * and the tax rate in basis points (2000 = 20 %).
 */
public record CatalogItem(String sku, String barcode, String name, String category, long priceMinor,
                          int taxRateBasisPoints) {
}
