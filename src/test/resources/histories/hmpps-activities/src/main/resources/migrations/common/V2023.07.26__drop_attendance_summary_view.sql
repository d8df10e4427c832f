DROP VIEW v_all_attendance_summary;
