-- PostgreSQL 12+ proves NOT NULL from the validated check: no scan under ACCESS EXCLUSIVE.
ALTER TABLE accounts ALTER COLUMN region SET NOT NULL;
ALTER TABLE accounts DROP CONSTRAINT accounts_region_not_null;
