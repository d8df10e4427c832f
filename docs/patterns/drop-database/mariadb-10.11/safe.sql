SET SESSION lock_wait_timeout = 5;
-- first release: the application loses access; mysqldump it, then drop it in a later release
REVOKE ALL PRIVILEGES ON legacy_reports.* FROM 'app'@'%';
