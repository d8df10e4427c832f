ALTER TABLE accounts ADD COLUMN status TEXT;
UPDATE accounts SET status = 'active';
