ALTER TABLE local_audit ALTER COLUMN detail_type TYPE varchar(40);
