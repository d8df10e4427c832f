SET lock_timeout = '3s';

ALTER TABLE ${table_prefix}accounts ADD COLUMN email text;

COMMENT ON COLUMN ${table_prefix}accounts.email IS 'kept ${audit_days} days after closing';
