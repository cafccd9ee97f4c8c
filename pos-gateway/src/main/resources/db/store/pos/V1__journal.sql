-- The store's catalog cache, replaced whole by each newer snapshot from HQ.
CREATE TABLE pos_catalog_item (
    sku          VARCHAR(64)  NOT NULL PRIMARY KEY,
    barcode      VARCHAR(32),
    name         VARCHAR(200) NOT NULL,
    category     VARCHAR(100),
    price_minor  BIGINT       NOT NULL,
    tax_rate_bp  INT          NOT NULL
);
CREATE TABLE pos_catalog_meta (
    id         INT          NOT NULL PRIMARY KEY,
    version    BIGINT       NOT NULL,
    currency   CHAR(3)      NOT NULL,
    loaded_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The sale journal. (terminal_id, terminal_tx_id) makes completion idempotent.
CREATE TABLE pos_sale (
    sale_id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    terminal_id     VARCHAR(64)  NOT NULL,
    terminal_tx_id  VARCHAR(64)  NOT NULL,
    completed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    currency        CHAR(3)      NOT NULL,
    total_minor     BIGINT       NOT NULL,
    tax_minor       BIGINT       NOT NULL,
    change_minor    BIGINT       NOT NULL,
    outbox_seq      BIGINT       NOT NULL,
    sale_json       CHARACTER LARGE OBJECT NOT NULL,
    receipt_text    CHARACTER LARGE OBJECT NOT NULL,
    CONSTRAINT pos_sale_terminal_tx UNIQUE (terminal_id, terminal_tx_id)
);
CREATE INDEX pos_sale_completed_at ON pos_sale (completed_at);

CREATE TABLE pos_sale_line (
    sale_id           VARCHAR(36)  NOT NULL,
    line_no           INT          NOT NULL,
    sku               VARCHAR(64)  NOT NULL,
    quantity          INT          NOT NULL,
    unit_price_minor  BIGINT       NOT NULL,
    line_total_minor  BIGINT       NOT NULL,
    tax_rate_bp       INT          NOT NULL,
    tax_minor         BIGINT       NOT NULL,
    PRIMARY KEY (sale_id, line_no)
);

-- Card tenders keep only the payment token reference: never a card number.
CREATE TABLE pos_sale_tender (
    sale_id      VARCHAR(36)  NOT NULL,
    tender_no    INT          NOT NULL,
    kind         VARCHAR(16)  NOT NULL,
    amount_minor BIGINT       NOT NULL,
    reference    VARCHAR(80),
    PRIMARY KEY (sale_id, tender_no)
);
