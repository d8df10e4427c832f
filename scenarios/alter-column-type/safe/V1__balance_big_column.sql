-- a new column without default: catalog only
ALTER TABLE accounts ADD COLUMN balance_big bigint;
