-- a database of its own; DROP/CREATE DATABASE run outside a transaction block
DROP DATABASE IF EXISTS legacy_reports;
CREATE DATABASE legacy_reports;
