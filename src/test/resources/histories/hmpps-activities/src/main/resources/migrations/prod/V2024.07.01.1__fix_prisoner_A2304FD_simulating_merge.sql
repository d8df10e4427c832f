-- Replicate a prisoner merge for `A8356FC` to 'A8356FC'
-- No need to fix booking id as not changed
UPDATE allocation SET prisoner_number = 'A8356FC' WHERE prisoner_number = 'A2304FD';
UPDATE attendance SET prisoner_number = 'A8356FC' WHERE prisoner_number = 'A2304FD';
UPDATE waiting_list SET prisoner_number = 'A8356FC' WHERE prisoner_number = 'A2304FD';
UPDATE local_audit SET prisoner_number = 'A8356FC' WHERE prisoner_number = 'A2304FD';
UPDATE event_review SET prisoner_number = 'A8356FC' WHERE prisoner_number = 'A2304FD';
UPDATE appointment_attendee SET prisoner_number = 'A8356FC' WHERE prisoner_number = 'A2304FD';
