-- A secondary index builds in place with writes going on; stated, the server refuses (error 1846) rather than block.
SET SESSION lock_wait_timeout = 5;
ALTER TABLE accounts ADD INDEX accounts_region_idx (region), ALGORITHM=INPLACE, LOCK=NONE;
