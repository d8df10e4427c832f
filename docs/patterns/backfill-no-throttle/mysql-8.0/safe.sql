DELIMITER //
CREATE PROCEDURE backfill_region()
BEGIN
  DECLARE last_id BIGINT DEFAULT 0;
  WHILE last_id < 20000 DO
    UPDATE accounts SET region = 'eu' WHERE id > last_id AND id <= last_id + 5000 AND region IS NULL;
    SET last_id = last_id + 5000;
    DO SLEEP(0.01);
    INSERT INTO backfill_progress (job, last_id) VALUES ('region', last_id) ON DUPLICATE KEY UPDATE last_id = VALUES(last_id);
  END WHILE;
END //
DELIMITER ;
