--liquibase formatted sql

--changeset carla:3 labels:v2
--comment: a status with a default, then a check added NOT VALID and validated apart
ALTER TABLE orders ADD COLUMN status varchar(20) DEFAULT 'new';
ALTER TABLE orders ADD CONSTRAINT orders_status_check
    CHECK (status IN ('new', 'paid', 'shipped')) NOT VALID;
--rollback ALTER TABLE orders DROP CONSTRAINT orders_status_check;
--rollback ALTER TABLE orders DROP COLUMN status;

--changeset carla:3b context:prod
ALTER TABLE orders VALIDATE CONSTRAINT orders_status_check;
--rollback empty
