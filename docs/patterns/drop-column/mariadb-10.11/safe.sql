SET SESSION lock_wait_timeout = 5;
-- rehearse:ignore drop-column unused since release 41, backed up
ALTER TABLE accounts DROP COLUMN code;
