ALTER TABLE accounts ADD COLUMN email TEXT;
-- backfill from the name until sign-up asks for it
UPDATE accounts SET email = lower(name) || '@example.com';
