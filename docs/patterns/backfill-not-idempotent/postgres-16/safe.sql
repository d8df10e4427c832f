-- the marker column makes a re-run skip rows already done
UPDATE accounts SET balance = balance + 10, bonus_applied = true WHERE id BETWEEN 1 AND 10000 AND NOT bonus_applied;
