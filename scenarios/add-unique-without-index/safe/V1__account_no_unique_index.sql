-- builds under SHARE UPDATE EXCLUSIVE, outside a transaction
CREATE UNIQUE INDEX CONCURRENTLY accounts_account_no_key ON accounts (account_no);
