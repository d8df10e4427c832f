UPDATE attendance_reason SET description = 'Refused' where code = 'REFUSED';
UPDATE attendance_reason SET description = 'Not required' where code = 'NOT_REQUIRED';
UPDATE attendance_reason SET description = 'Clash' where code = 'CLASH';
UPDATE attendance_reason SET description = 'Other absence' where code = 'OTHER';
