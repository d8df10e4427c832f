CREATE TABLE accounts (id bigint PRIMARY KEY, email text);
DO $$ BEGIN EXECUTE 'CREATE TABLE made_here (id int)'; END $$;
