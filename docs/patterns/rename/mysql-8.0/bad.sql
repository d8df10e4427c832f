SET SESSION lock_wait_timeout = 5;
ALTER TABLE accounts RENAME COLUMN email TO email_address;
