SET lock_timeout = '5s';
ALTER TABLE accounts ADD COLUMN balance_big bigint;
