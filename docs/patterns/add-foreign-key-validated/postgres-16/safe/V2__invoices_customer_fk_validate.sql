ALTER TABLE invoices VALIDATE CONSTRAINT invoices_customer_fk;
