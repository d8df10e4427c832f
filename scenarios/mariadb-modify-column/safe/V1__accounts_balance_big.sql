-- Expand: a new column is INSTANT; backfill it in batches, switch readers and writers, then drop the old one.
SET SESSION lock_wait_timeout = 5;
ALTER TABLE accounts ADD COLUMN balance_big BIGINT, ALGORITHM=INSTANT;
