-- a migration of its own: the tool runs it in autocommit
CREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (email);
