-- rewrites the table and its indexes under ACCESS EXCLUSIVE
ALTER TABLE accounts ALTER COLUMN balance TYPE bigint;
