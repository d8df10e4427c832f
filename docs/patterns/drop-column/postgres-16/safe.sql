SET lock_timeout = '5s';
-- release N-1 stopped reading and writing accounts.code; a backup of the column was taken
-- rehearse:ignore drop-column unused since release 41, backed up to s3://backups/accounts_code
ALTER TABLE accounts DROP COLUMN code;
