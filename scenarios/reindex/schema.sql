CREATE TABLE accounts (
    id          bigint PRIMARY KEY,
    email       text NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX accounts_created_at_idx ON accounts (created_at);
