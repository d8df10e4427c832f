DROP INDEX CONCURRENTLY accounts_status_idx;
