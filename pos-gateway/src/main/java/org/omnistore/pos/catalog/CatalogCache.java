package org.omnistore.pos.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.omnistore.contracts.Versioned;
import org.omnistore.contracts.catalog.CatalogItem;
import org.omnistore.contracts.catalog.CatalogSnapshot;
import org.omnistore.sync.Jdbc;

/**
 * The store's catalog: persisted in H2 so the store sells after a restart with HQ unreachable,
 * and held in memory as an immutable index swapped whole on each new snapshot (lookups never lock).
 */
public final class CatalogCache {

    private static final String LOAD_META = "SELECT version, currency FROM pos_catalog_meta WHERE id = 1";
    private static final String LOAD_ITEMS = """
            SELECT sku, barcode, name, category, price_minor, tax_rate_bp FROM pos_catalog_item""";
    private static final String DELETE_ITEMS = "DELETE FROM pos_catalog_item";
    private static final String INSERT_ITEM = """
            INSERT INTO pos_catalog_item (sku, barcode, name, category, price_minor, tax_rate_bp)
            VALUES (?, ?, ?, ?, ?, ?)""";
    private static final String UPSERT_META = """
            MERGE INTO pos_catalog_meta (id, version, currency, loaded_at) KEY (id) VALUES (1, ?, ?, ?)""";

    private final DataSource dataSource;
    private final String storeId;
    private volatile Index index;

    public CatalogCache(DataSource dataSource, String storeId) {
        this.dataSource = dataSource;
        this.storeId = storeId;
        this.index = load();
    }

    /** An immutable view: version, currency and items by barcode and by SKU. */
    private record Index(long version, String currency, Map<String, CatalogItem> byCode, int size) {
        static final Index EMPTY = new Index(0, null, Map.of(), 0);
    }

    public long version() {
        return index.version();
    }

    /** The catalog's currency, empty until the first snapshot arrives. */
    public Optional<String> currency() {
        return Optional.ofNullable(index.currency());
    }

    public int size() {
        return index.size();
    }

    /** Finds an item by SKU or barcode; a UPC-A finds the item listed under its EAN-13 and back. */
    public Optional<CatalogItem> find(String code) {
        Map<String, CatalogItem> byCode = index.byCode();
        CatalogItem item = byCode.get(code);
        if (item == null) {
            item = Barcodes.normalize(code).map(byCode::get).orElse(null);
        }
        return Optional.ofNullable(item);
    }

    /** The catalog as a snapshot (for the kiosk and the store API). */
    public CatalogSnapshot snapshot() {
        Index i = index;
        List<CatalogItem> items = i.byCode().values().stream().distinct()
                .sorted(java.util.Comparator.comparing(CatalogItem::sku)).toList();
        return new CatalogSnapshot(Versioned.CURRENT, storeId, i.version(), i.currency() == null ? "XXX" : i.currency(), items);
    }

    /** Persists a snapshot and switches lookups to it, atomically. */
    public void replace(CatalogSnapshot snapshot) {
        Jdbc.inTransaction(dataSource, c -> {
            try (PreparedStatement del = c.prepareStatement(DELETE_ITEMS)) {
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT_ITEM)) {
                for (CatalogItem item : snapshot.items()) {
                    ps.setString(1, item.sku());
                    ps.setString(2, item.barcode());
                    ps.setString(3, item.name());
                    ps.setString(4, item.category());
                    ps.setLong(5, item.priceMinor());
                    ps.setInt(6, item.taxRateBasisPoints());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(UPSERT_META)) {
                ps.setLong(1, snapshot.version());
                ps.setString(2, snapshot.currency());
                ps.setTimestamp(3, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
            return null;
        });
        index = index(snapshot.version(), snapshot.currency(), snapshot.items());
    }

    private Index load() {
        return Jdbc.query(dataSource, c -> {
            long version;
            String currency;
            try (PreparedStatement ps = c.prepareStatement(LOAD_META); ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Index.EMPTY;
                }
                version = rs.getLong(1);
                currency = rs.getString(2);
            }
            return index(version, currency, loadItems(c));
        });
    }

    private static List<CatalogItem> loadItems(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LOAD_ITEMS); ResultSet rs = ps.executeQuery()) {
            List<CatalogItem> items = new java.util.ArrayList<>();
            while (rs.next()) {
                items.add(new CatalogItem(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getInt(6)));
            }
            return items;
        }
    }

    private static Index index(long version, String currency, List<CatalogItem> items) {
        Map<String, CatalogItem> byCode = new HashMap<>(items.size() * 3);
        for (CatalogItem item : items) {
            byCode.put(item.sku(), item);
            if (item.barcode() != null && !item.barcode().isBlank()) {
                byCode.put(item.barcode(), item);
                Barcodes.normalize(item.barcode()).ifPresent(gtin13 -> byCode.putIfAbsent(gtin13, item));
            }
        }
        return new Index(version, currency, Map.copyOf(byCode), items.size());
    }
}
