UPDATE accounts SET region = 'eu' WHERE id BETWEEN 1 AND 10000 AND region IS NULL;
UPDATE accounts SET region = 'eu' WHERE id BETWEEN 10001 AND 20000 AND region IS NULL;
