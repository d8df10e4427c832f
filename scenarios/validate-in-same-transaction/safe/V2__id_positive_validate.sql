-- its own migration, its own transaction: only SHARE UPDATE EXCLUSIVE while it scans
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_id_positive;
