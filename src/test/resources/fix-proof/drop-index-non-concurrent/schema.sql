CREATE TABLE events (
    id          bigint PRIMARY KEY,
    account_id  bigint NOT NULL,
    kind        text NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX events_account_id_idx ON events (account_id);
