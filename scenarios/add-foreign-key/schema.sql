CREATE TABLE customers (
    id    bigint PRIMARY KEY,
    name  text NOT NULL
);
CREATE TABLE invoices (
    id           bigint PRIMARY KEY,
    customer_id  bigint NOT NULL,
    amount       numeric(12, 2) NOT NULL,
    issued_at    timestamptz NOT NULL
);
-- The column is indexed already: the footgun here is the validation, not a missing index.
CREATE INDEX invoices_customer_id_idx ON invoices (customer_id);
