UPDATE ${table_prefix}accounts SET status = 'open' WHERE status IS NULL;

VACUUM ANALYZE ${table_prefix}accounts;
