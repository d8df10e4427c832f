SET SESSION lock_wait_timeout = 5;
ALTER TABLE accounts ADD COLUMN email_domain VARCHAR(255) AS (SUBSTRING_INDEX(email, '@', -1)) PERSISTENT;
