ALTER TABLE ${table_prefix}accounts ADD COLUMN email_verified boolean;

-- Flyway refuses this file unless mixed=true: the index cannot be built inside the transaction it would open
CREATE INDEX CONCURRENTLY accounts_email_idx ON ${table_prefix}accounts (email);
