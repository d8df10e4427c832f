ALTER TABLE scheduled_instance ADD COLUMN cancelled_issue_payment bool;
