-- migrate:up
ALTER TABLE accounts ADD COLUMN status TEXT;
UPDATE accounts SET status = 'active';

-- migrate:down
-- loses every status the up backfilled and every one written since
ALTER TABLE accounts DROP COLUMN status;
