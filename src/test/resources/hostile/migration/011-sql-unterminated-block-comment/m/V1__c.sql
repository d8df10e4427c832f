SELECT 1;
/* never closed
ALTER TABLE accounts ADD COLUMN x int;
