-- rebuilds every index of accounts holding SHARE on the table: writes wait for the whole rebuild
REINDEX TABLE accounts;
