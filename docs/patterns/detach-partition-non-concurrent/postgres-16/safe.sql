-- requires: postgres 14+
-- in a migration of its own, outside a transaction block (PostgreSQL 10-13 have no online form)
ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY;
