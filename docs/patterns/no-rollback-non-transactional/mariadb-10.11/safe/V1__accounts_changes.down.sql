DROP INDEX accounts_region_idx ON accounts;
ALTER TABLE accounts DROP COLUMN note;
