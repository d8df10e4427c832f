SET SESSION lock_wait_timeout = 5;
ALTER TABLE accounts ADD COLUMN email_address VARCHAR(255), ALGORITHM=INSTANT;
