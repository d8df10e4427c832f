ALTER TABLE waiting_list ADD COLUMN status_updated_time timestamp;
