SELECT 1;
UPDATE accounts SET email = 'oops;
