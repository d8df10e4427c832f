SET lock_timeout = '5s';
-- a new table takes the setting when it is created: nothing is rewritten; copy rows in batches, then swap names
CREATE UNLOGGED TABLE accounts_scratch (LIKE accounts INCLUDING ALL);
