CREATE INDEX CONCURRENTLY accounts_status_idx ON accounts (status);
