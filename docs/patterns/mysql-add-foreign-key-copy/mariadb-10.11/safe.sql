SET SESSION lock_wait_timeout = 5;
-- orphans were checked first: SELECT COUNT(*) FROM invoices i LEFT JOIN customers c ON c.id = i.customer_id WHERE c.id IS NULL
SET foreign_key_checks = 0;
ALTER TABLE invoices ADD CONSTRAINT invoices_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id), ALGORITHM=INPLACE, LOCK=NONE;
SET foreign_key_checks = 1;
