ALTER TABLE ${table_prefix}accounts ADD COLUMN email_verified boolean;

-- with mixed=true Flyway runs the whole file without a transaction, each statement committing alone
CREATE INDEX CONCURRENTLY accounts_email_idx ON ${table_prefix}accounts (email);
