UPDATE attendance_reason SET description = 'Not attended - Session cancelled' where code = 'CANCELLED';
