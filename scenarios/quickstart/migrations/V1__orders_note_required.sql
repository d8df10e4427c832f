-- The footgun: SET NOT NULL scans every row of orders while holding ACCESS EXCLUSIVE,
-- so every read and write of orders waits for the scan.
ALTER TABLE orders ALTER COLUMN note SET NOT NULL;
