SET SESSION lock_wait_timeout = 5;
ALTER TABLE accounts MODIFY COLUMN balance BIGINT NOT NULL;
