SELECT 1;
UPDATE t SET c = "oops;
