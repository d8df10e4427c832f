-- Reporting wants orders by date. Built without CONCURRENTLY: writes to orders wait for the whole build.
CREATE INDEX orders_placed_at_idx ON orders (placed_at);
