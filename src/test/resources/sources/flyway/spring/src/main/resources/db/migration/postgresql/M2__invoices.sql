CREATE TABLE ${schema_name}.invoices (
    id bigserial PRIMARY KEY,
    amount numeric NOT NULL,
    kept_days int NOT NULL DEFAULT ${retention}
);
