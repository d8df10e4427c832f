CREATE DOMAIN amount AS int;
CREATE TABLE accounts (
  id bigint PRIMARY KEY,
  email text,
  balance amount NOT NULL DEFAULT 0
);
INSERT INTO accounts (id, email, balance)
SELECT g, 'user' || g || '@example.com', g % 100
FROM generate_series(1, 20000) g;
