CREATE TABLE payments (
    id          bigint PRIMARY KEY,
    order_id    bigint NOT NULL,
    status      text NOT NULL,
    created_at  timestamptz NOT NULL
);
