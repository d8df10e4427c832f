INSERT INTO appointment_cancellation_reason (appointment_cancellation_reason_id, description, is_delete)
VALUES   (3, 'Delete migrated appointment', true);
