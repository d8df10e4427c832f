UPDATE attendance_reason SET description = 'Person’s schedule shows another appointment' where code = 'CLASH';
