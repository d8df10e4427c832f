SET SESSION lock_wait_timeout = 5;
-- a literal default is INSTANT; backfill the expression in batches, then set the expression default (metadata only)
ALTER TABLE accounts ADD COLUMN expires_on DATE DEFAULT NULL, ALGORITHM=INSTANT;
UPDATE accounts SET expires_on = CURRENT_DATE + INTERVAL 1 YEAR WHERE id BETWEEN 1 AND 10000 AND expires_on IS NULL;
