-- No default: instant. New rows get a token from the default set right after.
ALTER TABLE sessions ADD COLUMN token uuid;
ALTER TABLE sessions ALTER COLUMN token SET DEFAULT gen_random_uuid();
