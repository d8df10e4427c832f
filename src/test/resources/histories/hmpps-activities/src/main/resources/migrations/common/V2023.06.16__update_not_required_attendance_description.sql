UPDATE attendance_reason SET description = 'Not required or excused' where code = 'NOT_REQUIRED';
