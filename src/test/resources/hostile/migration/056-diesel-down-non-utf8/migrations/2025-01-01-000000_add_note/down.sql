-- x
ALTER TABLE accounts DROP COLUMN café;
