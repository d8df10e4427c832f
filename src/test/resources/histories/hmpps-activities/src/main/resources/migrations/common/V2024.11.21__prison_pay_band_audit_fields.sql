ALTER TABLE prison_pay_band ADD COLUMN created_time timestamp;
ALTER TABLE prison_pay_band ADD COLUMN created_by varchar(100);
ALTER TABLE prison_pay_band ADD COLUMN updated_time timestamp;
ALTER TABLE prison_pay_band ADD COLUMN updated_by varchar(100);

