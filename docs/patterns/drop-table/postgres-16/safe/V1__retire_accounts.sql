SET lock_timeout = '5s';
-- release N: rename, so anything still reading it fails loudly and the data is still there
-- rehearse:ignore rename nothing reads accounts since release 41; the rename is the retirement step
ALTER TABLE accounts RENAME TO accounts_retired;
