SET SESSION lock_wait_timeout = 5;
ALTER TABLE posts ADD FULLTEXT INDEX posts_body_ft (body);
