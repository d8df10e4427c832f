SET SESSION lock_wait_timeout = 5;
-- a new column is INSTANT; backfill it in batches, then switch readers
ALTER TABLE accounts ADD COLUMN balance_big BIGINT, ALGORITHM=INSTANT;
