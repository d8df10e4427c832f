-- The footgun: a stated ALGORITHM=COPY copies the table row by row; before MariaDB 11.2 writes wait for the copy.
SET SESSION lock_wait_timeout = 5;
ALTER TABLE accounts ADD INDEX accounts_region_idx (region), ALGORITHM=COPY;
