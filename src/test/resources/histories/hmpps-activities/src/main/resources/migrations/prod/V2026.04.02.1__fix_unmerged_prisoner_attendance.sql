delete from attendance_history where attendance_id=32365436;
delete from attendance where scheduled_instance_id=32365436 and prisoner_number='A4043CC';
