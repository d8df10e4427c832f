ALTER TABLE invoices VALIDATE CONSTRAINT invoices_customer_id_fkey;
