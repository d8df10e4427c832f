-- Step 3 (PostgreSQL 12+): SET NOT NULL trusts the validated check and skips the scan.
ALTER TABLE orders ALTER COLUMN coupon_code SET NOT NULL;
ALTER TABLE orders DROP CONSTRAINT orders_coupon_code_not_null;
