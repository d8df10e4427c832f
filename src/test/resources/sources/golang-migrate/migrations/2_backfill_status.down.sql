-- loses every status the up backfilled and every one written since
ALTER TABLE accounts DROP COLUMN status;
