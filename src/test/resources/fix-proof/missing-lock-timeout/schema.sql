CREATE TABLE accounts (
    id          bigint PRIMARY KEY,
    email       text NOT NULL,
    created_at  timestamptz NOT NULL
);
