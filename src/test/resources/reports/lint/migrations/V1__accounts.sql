CREATE TABLE accounts (id bigint PRIMARY KEY, code text, region text, plan text);
