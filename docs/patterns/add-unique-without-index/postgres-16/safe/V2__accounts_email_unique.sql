SET lock_timeout = '5s';
-- attaches the finished index: a catalog update under a brief ACCESS EXCLUSIVE
ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE USING INDEX accounts_email_key_idx;
