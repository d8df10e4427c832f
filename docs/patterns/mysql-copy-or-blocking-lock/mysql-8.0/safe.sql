SET SESSION lock_wait_timeout = 5;
-- the server refuses (error 1846) rather than block writes if it cannot build the index online
ALTER TABLE accounts ADD INDEX accounts_region_idx (region), ALGORITHM=INPLACE, LOCK=NONE;
