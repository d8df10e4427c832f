CREATE TABLE events (
  id bigint NOT NULL,
  created_at date NOT NULL,
  payload text
) PARTITION BY RANGE (created_at);
CREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
INSERT INTO events (id, created_at, payload)
SELECT g, date '2023-01-01' + (g % 700), 'event ' || g
FROM generate_series(1, 20000) g;
