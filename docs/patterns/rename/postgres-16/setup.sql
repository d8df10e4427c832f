CREATE TABLE accounts (
  id bigint PRIMARY KEY,
  email text,
  region text,
  balance int NOT NULL DEFAULT 0,
  code varchar(20),
  bonus_applied boolean NOT NULL DEFAULT false
);
INSERT INTO accounts (id, email, region, balance, code)
SELECT g, 'user' || g || '@example.com', CASE WHEN g % 2 = 0 THEN 'eu' ELSE 'us' END, g % 100, 'c' || g
FROM generate_series(1, 20000) g;
CREATE TYPE account_status AS ENUM ('active', 'closed');
ALTER TABLE accounts ADD COLUMN status account_status NOT NULL DEFAULT 'active';
-- schemas outside public survive the rehearsal's reset: start from billing, without invoicing
DROP SCHEMA IF EXISTS billing CASCADE;
DROP SCHEMA IF EXISTS invoicing CASCADE;
CREATE SCHEMA billing;
CREATE TABLE billing.invoices (id bigint PRIMARY KEY, account_id bigint NOT NULL);
