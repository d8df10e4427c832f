-- The prefix is M in application.yml: Flyway ignores this file, and so must the rehearsal.
DROP TABLE ${schema_name}.invoices;
