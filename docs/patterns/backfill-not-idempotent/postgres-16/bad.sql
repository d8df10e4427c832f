UPDATE accounts SET balance = balance + 10 WHERE id BETWEEN 1 AND 10000;
