SET lock_timeout = '5s';
CREATE INDEX accounts_region_idx ON accounts (region);
