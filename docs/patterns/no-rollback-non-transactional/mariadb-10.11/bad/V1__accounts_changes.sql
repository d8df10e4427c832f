SET SESSION lock_wait_timeout = 5;
ALTER TABLE accounts ADD COLUMN note TEXT;
CREATE INDEX accounts_region_idx ON accounts (region);
