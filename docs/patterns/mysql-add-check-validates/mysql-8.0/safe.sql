SET SESSION lock_wait_timeout = 5;
-- stored unenforced: existing rows are not read; enforce it once the violating rows are fixed, off-peak
ALTER TABLE accounts ADD CONSTRAINT accounts_balance_nonneg CHECK (balance >= 0) NOT ENFORCED;
