SET SESSION lock_wait_timeout = 5;
ALTER TABLE accounts CHANGE COLUMN email email_address VARCHAR(255);
