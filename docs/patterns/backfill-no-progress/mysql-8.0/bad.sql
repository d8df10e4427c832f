DELIMITER //
CREATE PROCEDURE backfill_region()
BEGIN
  DECLARE last_id BIGINT DEFAULT 0;
  WHILE last_id < 20000 DO
    UPDATE accounts SET region = 'eu' WHERE id > last_id AND id <= last_id + 5000 AND region IS NULL;
    SET last_id = last_id + 5000;
    DO SLEEP(0.01);
  END WHILE;
END //
DELIMITER ;
