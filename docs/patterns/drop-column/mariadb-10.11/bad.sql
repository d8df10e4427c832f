SET SESSION lock_wait_timeout = 5;
ALTER TABLE accounts DROP COLUMN code;
