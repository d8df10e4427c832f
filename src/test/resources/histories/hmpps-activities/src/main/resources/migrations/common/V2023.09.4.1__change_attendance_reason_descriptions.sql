UPDATE attendance_reason SET description = 'Person’s schedule shows another activity' where code = 'CLASH';
