delete from attendance_history where attendance_id=32172614;
delete from attendance where scheduled_instance_id=6356117 and prisoner_number='A4043CC';
