DO $$
DECLARE
  last_id bigint := 0;
BEGIN
  LOOP
    UPDATE accounts SET region = 'eu' WHERE id > last_id AND id <= last_id + 5000 AND region IS NULL;
    last_id := last_id + 5000;
    PERFORM pg_sleep(0.01);
    RAISE NOTICE 'backfill accounts.region: done up to id %', last_id;
    EXIT WHEN last_id >= 20000;
  END LOOP;
END $$;
