SET SESSION lock_wait_timeout = 5;
ALTER TABLE accounts ADD INDEX accounts_region_idx (region), ALGORITHM=COPY;
