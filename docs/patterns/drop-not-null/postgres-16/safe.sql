-- Keep the constraint until every reader handles NULL; until then, keep writing a value:
SET lock_timeout = '5s';
ALTER TABLE accounts ALTER COLUMN balance SET DEFAULT 0;
