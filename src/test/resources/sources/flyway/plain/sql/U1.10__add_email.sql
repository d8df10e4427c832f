ALTER TABLE ${table_prefix}accounts DROP COLUMN email;
