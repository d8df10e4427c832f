SET lock_timeout = '5s';
ALTER TABLE invoices DROP CONSTRAINT invoices_customer_fk;
-- rehearse:ignore drop-table customers moved to the billing service in release 40
DROP TABLE customers;
