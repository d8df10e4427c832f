ALTER TABLE ${table_prefix}accounts ADD COLUMN status text;
