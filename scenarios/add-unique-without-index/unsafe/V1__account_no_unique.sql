-- builds the unique index under ACCESS EXCLUSIVE
ALTER TABLE accounts ADD CONSTRAINT accounts_account_no_key UNIQUE (account_no);
