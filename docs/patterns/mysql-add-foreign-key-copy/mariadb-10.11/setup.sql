-- customers is keyed by its code, so the default workload (single integer keys) writes invoices only: what is
-- measured is the ALTER's table
CREATE TABLE customers (
  code CHAR(12) PRIMARY KEY,
  id BIGINT NOT NULL UNIQUE,
  name VARCHAR(100) NOT NULL
);
CREATE TABLE invoices (
  id BIGINT PRIMARY KEY,
  customer_id BIGINT NOT NULL,
  total_cents BIGINT NOT NULL,
  KEY invoices_customer_idx (customer_id)
);
