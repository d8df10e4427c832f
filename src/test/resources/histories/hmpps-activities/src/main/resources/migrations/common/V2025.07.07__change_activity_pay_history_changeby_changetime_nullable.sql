ALTER TABLE activity_pay_history ALTER COLUMN changed_time  DROP NOT NULL;
ALTER TABLE activity_pay_history ALTER COLUMN changed_by    DROP NOT NULL;
