SET SESSION lock_wait_timeout = 5;
ALTER TABLE accounts CONVERT TO CHARACTER SET utf8mb4;
