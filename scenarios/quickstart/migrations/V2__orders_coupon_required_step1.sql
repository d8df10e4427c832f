-- The safe rewrite of the same change, on coupon_code, in three migrations.
-- Step 1: a NOT VALID check constraint is instant: it checks new rows only.
ALTER TABLE orders ADD CONSTRAINT orders_coupon_code_not_null CHECK (coupon_code IS NOT NULL) NOT VALID;
