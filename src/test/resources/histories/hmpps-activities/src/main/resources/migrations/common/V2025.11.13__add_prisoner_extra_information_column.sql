ALTER TABLE appointment ADD COLUMN prisoner_extra_information varchar(400);

ALTER TABLE appointment_series ADD COLUMN prisoner_extra_information varchar(400);