SET SESSION lock_wait_timeout = 5;
SET foreign_key_checks = 0;
ALTER TABLE invoices ADD CONSTRAINT invoices_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE RESTRICT;
SET foreign_key_checks = 1;
