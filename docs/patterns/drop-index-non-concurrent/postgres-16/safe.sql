DROP INDEX CONCURRENTLY accounts_region_idx;
