CREATE TABLE events (
    id          bigint PRIMARY KEY,
    account_id  bigint NOT NULL,
    kind        text NOT NULL,
    payload     jsonb,
    created_at  timestamptz NOT NULL
);
