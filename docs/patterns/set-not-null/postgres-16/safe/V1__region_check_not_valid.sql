SET lock_timeout = '5s';
ALTER TABLE accounts ADD CONSTRAINT accounts_region_not_null CHECK (region IS NOT NULL) NOT VALID;
