-- the application writes both columns from this release on
UPDATE accounts SET email_address = email WHERE id BETWEEN 1 AND 10000 AND email_address IS NULL;
UPDATE accounts SET email_address = email WHERE id BETWEEN 10001 AND 20000 AND email_address IS NULL;
