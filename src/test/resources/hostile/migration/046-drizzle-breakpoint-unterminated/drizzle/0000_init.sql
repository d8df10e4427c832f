ALTER TABLE accounts ADD COLUMN a int;
--> statement-breakpoint
UPDATE accounts SET email = 'x;
