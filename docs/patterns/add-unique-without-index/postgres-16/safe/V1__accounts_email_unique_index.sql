CREATE UNIQUE INDEX CONCURRENTLY accounts_email_key_idx ON accounts (email);
