-- Store-and-forward outbox of the store edge. Rows are written in the same transaction as the
-- business change; seq is dense and assigned under the counter row's lock, so commit order = seq order.
CREATE TABLE sync_outbox (
    seq          BIGINT       NOT NULL PRIMARY KEY,
    type         VARCHAR(64)  NOT NULL,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    payload      CHARACTER LARGE OBJECT NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);

-- One row: the last seq handed out, and the highest seq HQ acknowledged as applied.
CREATE TABLE sync_cursor (
    id             INT     NOT NULL PRIMARY KEY,
    last_seq       BIGINT  NOT NULL,
    acked_through  BIGINT  NOT NULL,
    last_ack_at    TIMESTAMP WITH TIME ZONE
);
INSERT INTO sync_cursor (id, last_seq, acked_through) VALUES (1, 0, 0);
