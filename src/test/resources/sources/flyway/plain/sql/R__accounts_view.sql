CREATE OR REPLACE VIEW ${flyway:defaultSchema}.active_accounts AS
    SELECT id, name, email FROM ${table_prefix}accounts WHERE status IS DISTINCT FROM 'closed';
