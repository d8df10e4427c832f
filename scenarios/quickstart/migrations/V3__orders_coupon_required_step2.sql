-- Step 2: validation scans the table under SHARE UPDATE EXCLUSIVE: reads and writes go on.
ALTER TABLE orders VALIDATE CONSTRAINT orders_coupon_code_not_null;
