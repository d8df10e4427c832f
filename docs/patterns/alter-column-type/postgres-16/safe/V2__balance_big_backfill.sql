-- in batches by key range, each its own transaction in production
UPDATE accounts SET balance_big = balance WHERE id BETWEEN 1 AND 10000 AND balance_big IS NULL;
UPDATE accounts SET balance_big = balance WHERE id BETWEEN 10001 AND 20000 AND balance_big IS NULL;
