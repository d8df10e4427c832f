-- PostgreSQL 12+: builds new copies under SHARE UPDATE EXCLUSIVE and swaps them in; outside a transaction
REINDEX TABLE CONCURRENTLY accounts;
