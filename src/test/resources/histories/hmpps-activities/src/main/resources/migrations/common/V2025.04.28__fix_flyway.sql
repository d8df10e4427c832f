DELETE FROM flyway_schema_history WHERE version = '2025.0403';
