ALTER TABLE activity_pay ADD COLUMN start_date date;
