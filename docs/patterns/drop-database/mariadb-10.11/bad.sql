SET SESSION lock_wait_timeout = 5;
DROP DATABASE legacy_reports;
