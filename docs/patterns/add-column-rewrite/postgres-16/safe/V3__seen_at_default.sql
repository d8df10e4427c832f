SET lock_timeout = '5s';
-- SET DEFAULT only affects future rows: no rewrite
ALTER TABLE accounts ALTER COLUMN seen_at SET DEFAULT clock_timestamp();
