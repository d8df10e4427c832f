SET SESSION lock_wait_timeout = 5;
-- computed on read: metadata only
ALTER TABLE accounts ADD COLUMN email_domain VARCHAR(255) AS (SUBSTRING_INDEX(email, '@', -1)) VIRTUAL, ALGORITHM=INSTANT;
