-- Backfill in batches, each in its own transaction, so row locks and WAL come in small bursts.
BEGIN;
UPDATE sessions SET token = gen_random_uuid() WHERE id BETWEEN 1 AND 50000 AND token IS NULL;
COMMIT;
BEGIN;
UPDATE sessions SET token = gen_random_uuid() WHERE id BETWEEN 50001 AND 100000 AND token IS NULL;
COMMIT;
BEGIN;
UPDATE sessions SET token = gen_random_uuid() WHERE id BETWEEN 100001 AND 150000 AND token IS NULL;
COMMIT;
BEGIN;
UPDATE sessions SET token = gen_random_uuid() WHERE id BETWEEN 150001 AND 200000 AND token IS NULL;
COMMIT;
