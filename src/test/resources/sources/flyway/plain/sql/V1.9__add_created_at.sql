ALTER TABLE ${table_prefix}accounts ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
