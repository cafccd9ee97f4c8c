package org.omnistore.cloud.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.omnistore.cloud.db.Sql;
import org.omnistore.contracts.Versioned;
import org.omnistore.contracts.catalog.CatalogItem;
import org.omnistore.contracts.catalog.CatalogSnapshot;

/** The catalog master: items, prices per currency, and the catalog version stores pull by. */
public final class CatalogRepository {

    private static final String STORE = "SELECT currency FROM store WHERE id = ?";
    private static final String VERSION = "SELECT version FROM catalog_version WHERE id = 1";
    private static final String LOCK_VERSION = "SELECT version FROM catalog_version WHERE id = 1 FOR UPDATE";
    private static final String ITEMS_FOR_CURRENCY = """
            SELECT i.sku, i.barcode, i.name, i.category, p.price_minor, i.tax_rate_bp
            FROM catalog_item i JOIN item_price p ON p.sku = i.sku AND p.currency = ?
            ORDER BY i.sku""";
    private static final String RECORD_PULL = """
            UPDATE store SET catalog_version_pulled = ?, catalog_pulled_at = now() WHERE id = ?""";
    private static final String COUNT = "SELECT count(*) FROM catalog_item";
    private static final String INSERT_ITEM = """
            INSERT INTO catalog_item (sku, barcode, name, category, tax_rate_bp) VALUES (?, ?, ?, ?, ?)""";
    private static final String INSERT_PRICE = """
            INSERT INTO item_price (sku, currency, price_minor) VALUES (?, ?, ?)""";
    private static final String BUMP_VERSION = "UPDATE catalog_version SET version = version + 1 WHERE id = 1";
    private static final String LIST = """
            SELECT i.sku, i.barcode, i.name, i.category, i.tax_rate_bp,
                   array_agg(p.currency ORDER BY p.currency) FILTER (WHERE p.currency IS NOT NULL),
                   array_agg(p.price_minor ORDER BY p.currency) FILTER (WHERE p.currency IS NOT NULL)
            FROM catalog_item i LEFT JOIN item_price p ON p.sku = i.sku
            GROUP BY i.sku ORDER BY i.sku LIMIT ? OFFSET ?""";

    private final DataSource dataSource;

    public CatalogRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The catalog for a store, priced in its currency (items without a price in it are left out);
     * empty for an unknown store. With {@code recordPull} the store row records the version served.
     */
    public Optional<CatalogSnapshot> snapshotFor(String storeId, boolean recordPull) {
        return Sql.inTransaction(dataSource, c -> {
            // one snapshot for version and items, so a store never gets items of another version
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            String currency;
            try (PreparedStatement ps = c.prepareStatement(STORE)) {
                ps.setString(1, storeId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    currency = rs.getString(1);
                }
            }
            long version;
            try (PreparedStatement ps = c.prepareStatement(VERSION); ResultSet rs = ps.executeQuery()) {
                rs.next();
                version = rs.getLong(1);
            }
            List<CatalogItem> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(ITEMS_FOR_CURRENCY)) {
                ps.setString(1, currency);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(new CatalogItem(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getLong(5), rs.getInt(6)));
                    }
                }
            }
            if (recordPull) {
                try (PreparedStatement ps = c.prepareStatement(RECORD_PULL)) {
                    ps.setLong(1, version);
                    ps.setString(2, storeId);
                    ps.executeUpdate();
                }
            }
            return Optional.of(new CatalogSnapshot(Versioned.CURRENT, storeId, version, currency, items));
        });
    }

    /** An item as HQ lists it, with its price in every currency it has one (minor units, sorted by currency). */
    record ListedItem(String sku, String barcode, String name, String category, int taxRateBasisPoints,
                      Map<String, Long> prices) {
    }

    /** A page of items by sku. */
    List<ListedItem> list(int limit, int offset) {
        return Sql.query(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(LIST)) {
                ps.setInt(1, limit);
                ps.setInt(2, offset);
                try (ResultSet rs = ps.executeQuery()) {
                    List<ListedItem> out = new ArrayList<>();
                    while (rs.next()) {
                        Map<String, Long> prices = new LinkedHashMap<>();
                        Array currencies = rs.getArray(6);
                        Array amounts = rs.getArray(7);
                        if (currencies != null) {
                            Object[] cs = (Object[]) currencies.getArray();
                            Object[] as = (Object[]) amounts.getArray();
                            for (int i = 0; i < cs.length; i++) {
                                prices.put(cs[i].toString().trim(), ((Number) as[i]).longValue());
                            }
                        }
                        out.add(new ListedItem(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getInt(5), prices));
                    }
                    return out;
                }
            }
        });
    }

    /**
     * Seeds the catalog from a CSV resource when the catalog is empty, and bumps the catalog version.
     * Columns: {@code sku,barcode,name,category,tax_rate_bp,price_<CUR>...}.
     *
     * @return true when it seeded
     */
    public boolean seedIfEmpty(String resource) {
        List<String[]> rows = readCsv(resource);
        return Sql.inTransaction(dataSource, c -> {
            // the version row lock makes two HQ instances starting together seed once
            try (PreparedStatement ps = c.prepareStatement(LOCK_VERSION); ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
            try (PreparedStatement ps = c.prepareStatement(COUNT); ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return false;
                }
            }
            String[] header = rows.getFirst();
            try (PreparedStatement item = c.prepareStatement(INSERT_ITEM);
                 PreparedStatement price = c.prepareStatement(INSERT_PRICE)) {
                for (String[] r : rows.subList(1, rows.size())) {
                    item.setString(1, r[0]);
                    item.setString(2, r[1]);
                    item.setString(3, r[2]);
                    item.setString(4, r[3]);
                    item.setInt(5, Integer.parseInt(r[4]));
                    item.addBatch();
                    for (int col = 5; col < header.length; col++) {
                        price.setString(1, r[0]);
                        price.setString(2, header[col].substring("price_".length()));
                        price.setLong(3, Long.parseLong(r[col]));
                        price.addBatch();
                    }
                }
                item.executeBatch();
                price.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(BUMP_VERSION)) {
                ps.executeUpdate();
            }
            return true;
        });
    }

    /** Rows of a simple CSV resource (no quoting), header first; comment lines start with '#'. */
    static List<String[]> readCsv(String resource) {
        // the demo file is plain comma-separated text; CSV import with a real parser and row-level
        // error reports comes with the cloud commerce issue
        try (InputStream in = CatalogRepository.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = reader.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split(",", -1)).toList();
            if (rows.isEmpty() || !rows.getFirst()[0].equals("sku")) {
                throw new IllegalStateException(resource + " has no header row starting with sku");
            }
            int columns = rows.getFirst().length;
            for (int i = 1; i < rows.size(); i++) {
                if (rows.get(i).length != columns) {
                    throw new IllegalStateException(resource + " row " + i + " has " + rows.get(i).length
                            + " columns; the header has " + columns);
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
