SET SESSION lock_wait_timeout = 5;
-- enforce the rule in the application and find violating rows in batches; the constraint waits for a gh-ost run
SELECT id FROM accounts WHERE balance < 0 AND id BETWEEN 1 AND 10000;
