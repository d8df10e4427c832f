-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY accounts_status_idx ON accounts (status);

-- migrate:down transaction:false
DROP INDEX CONCURRENTLY accounts_status_idx;

-- migrate:up
CREATE INDEX CONCURRENTLY accounts_name_idx ON accounts (name);

-- migrate:down
DROP INDEX accounts_name_idx;
