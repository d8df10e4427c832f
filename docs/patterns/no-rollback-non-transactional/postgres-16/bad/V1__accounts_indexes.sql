CREATE INDEX CONCURRENTLY accounts_region_idx ON accounts (region);
CREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (email);
