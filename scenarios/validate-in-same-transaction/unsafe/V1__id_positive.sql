-- NOT VALID, then VALIDATE in the same transaction: the ACCESS EXCLUSIVE from ADD is held during the scan
ALTER TABLE accounts ADD CONSTRAINT accounts_id_positive CHECK (id > 0) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_id_positive;
