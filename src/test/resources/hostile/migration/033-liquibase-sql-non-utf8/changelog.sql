--liquibase formatted sql
--changeset a:1
ALTER TABLE accounts ADD COLUMN café int;
