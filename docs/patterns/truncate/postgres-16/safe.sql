-- in batches by key range (archive first if the rows may be needed)
DELETE FROM accounts WHERE id BETWEEN 1 AND 10000;
DELETE FROM accounts WHERE id BETWEEN 10001 AND 20000;
