SET lock_timeout = '5s';
ALTER TABLE accounts DROP COLUMN code;
