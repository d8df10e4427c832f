CREATE INDEX CONCURRENTLY accounts_region_idx ON accounts (region);
