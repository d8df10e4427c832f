ALTER TABLE planned_suspension ADD COLUMN paid boolean;
