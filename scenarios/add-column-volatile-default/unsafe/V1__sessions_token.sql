-- A volatile default must be computed per row: the whole table is rewritten under ACCESS EXCLUSIVE.
ALTER TABLE sessions ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();
