SET lock_timeout = '5s';
-- rehearse:ignore drop-table customers moved to the billing service in release 40
DROP TABLE customers CASCADE;
