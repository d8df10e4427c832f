CREATE INDEX events_account_id_idx ON events (account_id);
