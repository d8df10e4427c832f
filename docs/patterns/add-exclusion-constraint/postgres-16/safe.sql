-- no online form exists: declare the constraint when the table is created (or is still small)
CREATE TABLE bookings_v2 (id bigint PRIMARY KEY, during tsrange NOT NULL);
ALTER TABLE bookings_v2 ADD CONSTRAINT bookings_v2_no_overlap EXCLUDE USING gist (during WITH &&);
