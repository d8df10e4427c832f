SET lock_timeout = '5s';
ALTER TYPE account_status RENAME VALUE 'closed' TO 'archived';
