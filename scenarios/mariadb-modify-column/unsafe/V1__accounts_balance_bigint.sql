-- The footgun: a type change copies the table; before MariaDB 11.2 writes wait for the copy.
SET SESSION lock_wait_timeout = 5;
ALTER TABLE accounts MODIFY COLUMN balance BIGINT NOT NULL;
