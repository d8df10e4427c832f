ALTER TABLE activity_aud
    ADD PRIMARY KEY (activity_id, rev);
