SET lock_timeout = '5s';
ALTER TABLE accounts ALTER COLUMN balance DROP NOT NULL;
