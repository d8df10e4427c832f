SET lock_timeout = '5s';
-- PostgreSQL 11+: a constant default is stored once in the catalog, no rewrite
ALTER TABLE accounts ADD COLUMN plan text NOT NULL DEFAULT 'free';
