-- requires: postgres 12+
REINDEX TABLE CONCURRENTLY accounts;
