SET lock_timeout = '5s';
ALTER DOMAIN amount ADD CONSTRAINT amount_bounded CHECK (VALUE < 1000000) NOT VALID;
