SET lock_timeout = '5s';
DROP INDEX accounts_region_idx;
