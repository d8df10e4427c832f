-- first release: nothing connects any more; pg_dump it, then drop it in a later release
REVOKE CONNECT ON DATABASE legacy_reports FROM PUBLIC;
