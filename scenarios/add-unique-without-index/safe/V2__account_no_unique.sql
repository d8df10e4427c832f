-- attaches the finished index: catalog only
ALTER TABLE accounts ADD CONSTRAINT accounts_account_no_key UNIQUE USING INDEX accounts_account_no_key;
