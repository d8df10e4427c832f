-- Alone in its file, so it runs outside a transaction block.
CREATE INDEX CONCURRENTLY events_account_id_idx ON events (account_id);
