SET lock_timeout = '5s';
ALTER TABLE accounts RENAME COLUMN email TO email_address;
