-- new rows are checked at once; existing rows later
ALTER TABLE accounts ADD CONSTRAINT accounts_id_positive CHECK (id > 0) NOT VALID;
