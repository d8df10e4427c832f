SET lock_timeout = '5s';
-- new and updated values are checked at once; existing rows are not read. Validating later takes SHARE on
-- every table using the domain again: run it off-peak, or check the old rows with per-table NOT VALID CHECKs
ALTER DOMAIN amount ADD CONSTRAINT amount_nonneg CHECK (VALUE >= 0) NOT VALID;
