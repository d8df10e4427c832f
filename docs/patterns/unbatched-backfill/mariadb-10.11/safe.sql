UPDATE accounts SET region = 'eu' WHERE id BETWEEN 1 AND 10000 AND region IS NULL;
