-- The last health report (heartbeat) of each store.
CREATE TABLE store_health (
    store_id               TEXT PRIMARY KEY REFERENCES store (id),
    received_at            TIMESTAMPTZ NOT NULL,
    reported_at            TIMESTAMPTZ NOT NULL,
    last_seq               BIGINT NOT NULL,
    acked_through          BIGINT NOT NULL,
    outbox_depth           BIGINT NOT NULL,
    oldest_pending_age_ms  BIGINT,
    sync_failures          BIGINT NOT NULL,
    catalog_version        BIGINT NOT NULL,
    terminals_online       INT NOT NULL
);
