-- HQ core: stores, catalog, sync ingest and sales.

CREATE TABLE store (
    id                      TEXT PRIMARY KEY,
    name                    TEXT NOT NULL,
    currency                CHAR(3) NOT NULL,
    token_sha256            TEXT NOT NULL,
    catalog_version_pulled  BIGINT,
    catalog_pulled_at       TIMESTAMPTZ,
    created_at              TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE catalog_item (
    sku          TEXT PRIMARY KEY,
    barcode      TEXT UNIQUE,
    name         TEXT NOT NULL,
    category     TEXT,
    tax_rate_bp  INT NOT NULL CHECK (tax_rate_bp >= 0)
);

CREATE TABLE item_price (
    sku          TEXT NOT NULL REFERENCES catalog_item (sku),
    currency     CHAR(3) NOT NULL,
    price_minor  BIGINT NOT NULL CHECK (price_minor >= 0),
    PRIMARY KEY (sku, currency)
);

-- One row; bumped by every catalog, price, promotion or tax change (stores pull when it moved).
CREATE TABLE catalog_version (
    id       INT PRIMARY KEY CHECK (id = 1),
    version  BIGINT NOT NULL
);
INSERT INTO catalog_version (id, version) VALUES (1, 0);

-- Exactly-once ingest: the highest store sequence such that everything up to it is applied.
CREATE TABLE sync_state (
    store_id         TEXT PRIMARY KEY REFERENCES store (id),
    applied_through  BIGINT NOT NULL DEFAULT 0,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Every applied event, raw. The primary key is a second guard against applying a (store, seq) twice.
CREATE TABLE ingested_event (
    store_id     TEXT NOT NULL REFERENCES store (id),
    seq          BIGINT NOT NULL,
    type         TEXT NOT NULL,
    occurred_at  TIMESTAMPTZ NOT NULL,
    payload      JSONB NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (store_id, seq)
);

CREATE TABLE sale (
    store_id        TEXT NOT NULL REFERENCES store (id),
    sale_id         TEXT NOT NULL,
    terminal_id     TEXT NOT NULL,
    terminal_tx_id  TEXT NOT NULL,
    seq             BIGINT NOT NULL,
    completed_at    TIMESTAMPTZ NOT NULL,
    currency        CHAR(3) NOT NULL,
    total_minor     BIGINT NOT NULL,
    tax_minor       BIGINT NOT NULL,
    change_minor    BIGINT NOT NULL,
    PRIMARY KEY (store_id, sale_id),
    UNIQUE (store_id, terminal_id, terminal_tx_id)
);
CREATE INDEX sale_completed_at ON sale (completed_at);

CREATE TABLE sale_line (
    store_id          TEXT NOT NULL,
    sale_id           TEXT NOT NULL,
    line_no           INT NOT NULL,
    sku               TEXT NOT NULL,
    name              TEXT NOT NULL,
    quantity          INT NOT NULL,
    unit_price_minor  BIGINT NOT NULL,
    line_total_minor  BIGINT NOT NULL,
    tax_rate_bp       INT NOT NULL,
    tax_minor         BIGINT NOT NULL,
    PRIMARY KEY (store_id, sale_id, line_no),
    FOREIGN KEY (store_id, sale_id) REFERENCES sale (store_id, sale_id)
);

-- Card tenders keep only the payment token reference: never a card number.
CREATE TABLE sale_tender (
    store_id      TEXT NOT NULL,
    sale_id       TEXT NOT NULL,
    tender_no     INT NOT NULL,
    kind          TEXT NOT NULL,
    amount_minor  BIGINT NOT NULL,
    reference     TEXT,
    PRIMARY KEY (store_id, sale_id, tender_no),
    FOREIGN KEY (store_id, sale_id) REFERENCES sale (store_id, sale_id)
);
