-- loses every email the up backfilled and every one written since
ALTER TABLE accounts DROP COLUMN email;
