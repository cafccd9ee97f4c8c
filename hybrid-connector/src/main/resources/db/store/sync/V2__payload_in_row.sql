-- Keep event payloads in the row rather than in H2's separate LOB map (cheaper to write and read back).
ALTER TABLE sync_outbox ALTER COLUMN payload SET DATA TYPE CHARACTER VARYING(1000000);
