-- The footgun: ADD COLUMN is instant, but its ACCESS EXCLUSIVE request queues behind a long reader, and every
-- query on accounts queues behind the request for as long as the reader runs.
ALTER TABLE accounts ADD COLUMN note text;
