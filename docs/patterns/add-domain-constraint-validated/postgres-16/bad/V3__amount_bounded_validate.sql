SET lock_timeout = '5s';
-- unlike a table's, a domain's VALIDATE takes SHARE on every table using it and scans them, as ADD did
ALTER DOMAIN amount VALIDATE CONSTRAINT amount_bounded;
