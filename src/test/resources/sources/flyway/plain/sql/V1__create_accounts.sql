-- ${table_prefix} comes from flyway.conf
CREATE TABLE ${table_prefix}accounts (
    id bigserial PRIMARY KEY,
    name text NOT NULL
);
