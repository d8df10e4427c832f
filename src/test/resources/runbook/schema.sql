CREATE TABLE orders (
    id          bigint PRIMARY KEY,
    status      text,
    total_cents integer NOT NULL,
    created_at  timestamptz NOT NULL
);
