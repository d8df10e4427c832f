-- SHARE UPDATE EXCLUSIVE: reads and writes go on while it scans
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_region_not_null;
