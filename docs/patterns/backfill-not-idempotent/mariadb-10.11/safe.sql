UPDATE accounts SET balance = balance + 10, bonus_applied = 1 WHERE id BETWEEN 1 AND 10000 AND bonus_applied = 0;
