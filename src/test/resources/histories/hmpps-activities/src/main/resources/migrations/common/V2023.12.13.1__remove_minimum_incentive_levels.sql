ALTER TABLE activity DROP COLUMN IF EXISTS minimum_incentive_nomis_code;
ALTER TABLE activity DROP COLUMN IF EXISTS minimum_incentive_level;
