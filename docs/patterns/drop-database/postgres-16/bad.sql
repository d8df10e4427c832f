DROP DATABASE legacy_reports;
