SET SESSION lock_wait_timeout = 5;
ALTER TABLE accounts ADD COLUMN external_id CHAR(36) DEFAULT UUID();
