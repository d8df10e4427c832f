--liquibase formatted sql

--changeset ops:index runInTransaction:false
CREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (email);
