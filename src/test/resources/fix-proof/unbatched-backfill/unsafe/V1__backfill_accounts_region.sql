-- The footgun: one UPDATE of the whole table holds every row's lock until it commits; writes to those rows wait.
UPDATE accounts SET region = 'eu';
