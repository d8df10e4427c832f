SET SESSION lock_wait_timeout = 5;
-- B-tree secondary indexes build online; FULLTEXT needs gh-ost / pt-online-schema-change
ALTER TABLE posts ADD INDEX posts_author_idx (author_id), ALGORITHM=INPLACE, LOCK=NONE;
