-- Many tools wrap every migration in a transaction; CONCURRENTLY then fails outright.
BEGIN;
CREATE INDEX CONCURRENTLY payments_order_id_idx ON payments (order_id);
COMMIT;
