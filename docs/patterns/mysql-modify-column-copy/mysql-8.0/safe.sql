SET SESSION lock_wait_timeout = 5;
-- a new column is INSTANT; backfill it in batches, then switch readers
ALTER TABLE accounts ADD COLUMN balance_big BIGINT, ALGORITHM=INSTANT;
-- stating the algorithm makes the server refuse (error 1846) instead of copying with writes blocked
ALTER TABLE accounts MODIFY COLUMN email VARCHAR(255) NULL, ALGORITHM=INPLACE, LOCK=NONE;
