CREATE TYPE tier AS ENUM ('free', 'pro');
CREATE TABLE plans (id bigint PRIMARY KEY, tier tier NOT NULL);
INSERT INTO plans SELECT g, CASE WHEN g % 2 = 0 THEN 'free'::tier ELSE 'pro'::tier END FROM generate_series(1, 20000) g;
