--liquibase formatted sql

--changeset ops:init
CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL);
--rollback DROP TABLE accounts;
