-- The footgun: DROP INDEX takes ACCESS EXCLUSIVE on events; queued behind a long reader, every query waits too.
DROP INDEX events_account_id_idx;
