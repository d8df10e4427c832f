-- migrate:up
CREATE TABLE accounts (
    id BIGINT PRIMARY KEY,
    name TEXT NOT NULL
);

-- migrate:down
DROP TABLE accounts;
