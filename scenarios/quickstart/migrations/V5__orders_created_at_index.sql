-- Built concurrently, in a file of its own: rehearse runs it outside a transaction, as Flyway would.
CREATE INDEX CONCURRENTLY orders_created_at_idx ON orders (created_at);
