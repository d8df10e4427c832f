UPDATE accounts SET seen_at = now() WHERE id BETWEEN 1 AND 10000 AND seen_at IS NULL;
UPDATE accounts SET seen_at = now() WHERE id BETWEEN 10001 AND 20000 AND seen_at IS NULL;
