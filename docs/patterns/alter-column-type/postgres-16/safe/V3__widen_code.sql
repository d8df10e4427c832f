SET lock_timeout = '5s';
-- binary-coercible: varchar(20) to varchar(64) needs no rewrite
ALTER TABLE accounts ALTER COLUMN code TYPE varchar(64);
