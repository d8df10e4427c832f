CREATE TABLE bookings (id bigint PRIMARY KEY, during tsrange NOT NULL);
INSERT INTO bookings
SELECT g, tsrange(timestamp '2026-01-01' + g * interval '1 hour', timestamp '2026-01-01' + g * interval '1 hour' + interval '30 minutes')
FROM generate_series(1, 20000) g;
