CREATE TABLE accounts (
    id          bigint PRIMARY KEY,
    email       text NOT NULL,
    region      text,
    created_at  timestamptz NOT NULL
);
