SET lock_timeout = '5s';
ALTER DOMAIN amount ADD CONSTRAINT amount_nonneg CHECK (VALUE >= 0);
