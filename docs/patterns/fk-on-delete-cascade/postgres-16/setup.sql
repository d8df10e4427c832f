CREATE TABLE customers (id bigint PRIMARY KEY, name text);
INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 2000) g;
CREATE TABLE invoices (id bigint PRIMARY KEY, customer_id bigint NOT NULL, amount int);
INSERT INTO invoices SELECT g, 1 + g % 2000, g % 500 FROM generate_series(1, 20000) g;
