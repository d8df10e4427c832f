-- reads every row under ACCESS EXCLUSIVE
ALTER TABLE accounts ADD CONSTRAINT accounts_id_positive CHECK (id > 0);
