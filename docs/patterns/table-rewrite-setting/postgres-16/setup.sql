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
