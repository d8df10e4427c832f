package dev.rehearse.analyze;

import dev.rehearse.analyze.Rule.Claim;
import dev.rehearse.analyze.Rule.Words;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.EngineSpec.Kind;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The rule catalog, shared by {@code lint} and {@code run}. Order matters for {@code run}: the first rule whose
 * words match names the statement, so specific forms come before general ones. Rules whose condition needs the
 * migration set's state (earlier statements, transaction boundaries) match no single statement's words; the
 * {@link Linter} evaluates them. Each rule's bad and safe examples (and the baseline they run on) are files in
 * {@code docs/patterns/<rule-id>/<engine>-<version>/}: the unit tests lint them, the rule-vs-measurement test
 * rehearses the PostgreSQL ones at 10, 16 and 18, and the pattern pages are generated from them and from this data.
 */
public final class Rules {

    private Rules() {}

    private static final Set<Kind> PG = EnumSet.of(Kind.POSTGRES);
    private static final Set<Kind> MY = EnumSet.of(Kind.MYSQL, Kind.MARIADB);
    private static final Set<Kind> ALL_ENGINES = EnumSet.allOf(Kind.class);
    private static final Predicate<Words> CONTEXTUAL = w -> false;

    /** PostgreSQL functions that are not volatile and commonly appear in defaults (a default calling them needs no rewrite on 11+). */
    static final Set<String> NON_VOLATILE = Set.of("NOW", "CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME",
            "LOCALTIMESTAMP", "LOCALTIME", "TRANSACTION_TIMESTAMP", "STATEMENT_TIMESTAMP", "CURRENT_USER", "SESSION_USER",
            "LOWER", "UPPER", "COALESCE", "NULLIF", "JSONB_BUILD_OBJECT", "JSON_BUILD_OBJECT", "JSONB_BUILD_ARRAY",
            "ARRAY", "ROW", "MAKE_INTERVAL", "TO_TIMESTAMP", "TO_DATE", "CAST", "INTERVAL", "NUMERIC", "DECIMAL",
            "VARCHAR", "CHARACTER", "CHAR", "TIMESTAMP", "TIMESTAMPTZ");

    private static Rule rule(String id, Category category, Status severity, Set<Kind> engines, String title,
                             String advice, String explanation, Predicate<Words> matches, boolean grows,
                             Function<Words, String> rewrite, BiFunction<EngineSpec, Words, Claim> claim,
                             String measures) {
        return new Rule(id, category, severity, title, advice, explanation, engines, matches, grows, rewrite, claim,
                measures);
    }

    private static final String MEASURES_LOCK = "the lock its transaction takes on the table (pg_locks), whether the"
            + " table's storage was rewritten (relfilenode) or read in full (seq_scan), how long the lock was held,"
            + " which application queries queued behind it, and the runtime at production_rows";

    public static final List<Rule> ALL = List.of(
            rule("concurrently-in-transaction", Category.INDEX_DEPENDENCIES, Status.BLOCK, PG,
                    "CONCURRENTLY inside a transaction block",
                    "Run the CONCURRENTLY statement in its own migration, outside a transaction",
                    "CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY and a few others refuse to run inside a"
                            + " transaction block (SQLSTATE 25001). A migration that wraps them in BEGIN ... COMMIT,"
                            + " or a tool that wraps every file in a transaction, fails at deploy time.",
                    CONTEXTUAL, false,
                    w -> "Put the CONCURRENTLY statement in a migration of its own, outside any transaction"
                            + " (Flyway runs such a file in autocommit; Rails: disable_ddl_transaction!).",
                    (e, w) -> new Claim("none", "none", false, false, true),
                    "that the statement fails with SQLSTATE 25001 when the migration runs in a transaction block"),
            rule("set-not-null", Category.CONSTRAINT_VALIDATION, Status.FLAG, PG,
                    "SET NOT NULL scans the table under ACCESS EXCLUSIVE",
                    "Add CHECK (col IS NOT NULL) NOT VALID, VALIDATE it, then SET NOT NULL",
                    "SET NOT NULL reads every row to prove there is no NULL while it holds ACCESS EXCLUSIVE, which"
                            + " blocks reads and writes for the whole scan. From PostgreSQL 12 a valid"
                            + " CHECK (col IS NOT NULL) lets it skip the scan; the CHECK can be validated under"
                            + " SHARE UPDATE EXCLUSIVE, which blocks neither.",
                    w -> w.startsWith("ALTER", "TABLE") && w.has("SET", "NOT", "NULL"), true,
                    w -> {
                        String t = w.table(), c = w.alteredColumn(), k = constraintName(t, c + "_not_null");
                        return "ALTER TABLE " + t + " ADD CONSTRAINT " + k + " CHECK (" + c + " IS NOT NULL) NOT VALID;\n"
                                + "-- next migration: validation takes SHARE UPDATE EXCLUSIVE; reads and writes go on\n"
                                + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + k + ";\n"
                                + "-- PostgreSQL 12+: SET NOT NULL now trusts the valid CHECK and skips the scan\n"
                                + "ALTER TABLE " + t + " ALTER COLUMN " + c + " SET NOT NULL;\n"
                                + "ALTER TABLE " + t + " DROP CONSTRAINT " + k + ";";
                    },
                    (e, w) -> Claim.pg("AccessExclusiveLock", false, true), MEASURES_LOCK),
            rule("add-column-not-null-no-default", Category.CONSTRAINT_VALIDATION, Status.BLOCK, PG,
                    "ADD COLUMN ... NOT NULL without a default fails on a populated table",
                    "Add the column nullable (or with a constant default), backfill, then SET NOT NULL safely",
                    "A new NOT NULL column without a default would hold NULL in every existing row, so PostgreSQL"
                            + " refuses it as soon as the table has rows (SQLSTATE 23502). It passes on the empty"
                            + " development database and fails in production.",
                    w -> w.startsWith("ALTER", "TABLE") && w.has("ADD") && w.has("NOT", "NULL") && !w.has("DEFAULT")
                            && !w.has("CONSTRAINT") && !w.hasAny("GENERATED", "SERIAL", "BIGSERIAL", "SMALLSERIAL"), false,
                    w -> "ALTER TABLE " + w.table() + " ADD COLUMN ... DEFAULT <constant> NOT NULL;"
                            + "  -- PostgreSQL 11+: no rewrite\n"
                            + "-- or: add it nullable, backfill in batches, then the set-not-null pattern",
                    (e, w) -> new Claim("AccessExclusiveLock", "reads_writes", false, false, true),
                    "that the statement fails on the seeded rows (SQLSTATE 23502)"),
            rule("alter-column-type", Category.LOCK_CONTENTION, Status.FLAG, PG,
                    "ALTER COLUMN TYPE rewrites the table and its indexes",
                    "Add a new column, backfill in batches, swap in a short transaction",
                    "Changing a column's type rewrites the whole table and rebuilds its indexes under ACCESS"
                            + " EXCLUSIVE, unless the change is binary-coercible with no USING clause: varchar(n)"
                            + " to a longer varchar or to text, text to varchar, or dropping a length limit.",
                    w -> w.startsWith("ALTER", "TABLE") && w.indexOf(1, "ALTER") > 0 && w.has("TYPE"), true,
                    w -> "Add a new column of the new type, backfill it in batches (e.g. 10,000 rows per transaction),"
                            + " keep it in sync with a trigger, then swap names in one short transaction with"
                            + " SET lock_timeout. Widening varchar(n) or varchar to text needs no rewrite.",
                    (e, w) -> binaryCoercible(w) ? null : Claim.pg("AccessExclusiveLock", true, false), MEASURES_LOCK),
            rule("add-column-rewrite", Category.LOCK_CONTENTION, Status.FLAG, PG,
                    "ADD COLUMN with a default that forces a table rewrite",
                    "Add the column without the rewriting default, backfill in batches",
                    "Adding a column with a volatile default (random(), clock_timestamp(), gen_random_uuid(), a"
                            + " sequence), a stored generated column, an identity or serial column rewrites every row"
                            + " under ACCESS EXCLUSIVE. Before PostgreSQL 11 any non-NULL default did.",
                    w -> w.startsWith("ALTER", "TABLE") && w.has("ADD") && (w.has("DEFAULT") || w.has("GENERATED")
                            || w.has("SERIAL") || w.has("BIGSERIAL") || w.has("SMALLSERIAL")), true,
                    w -> "ALTER TABLE " + w.table() + " ADD COLUMN ... without the default (or with a constant default"
                            + " on PostgreSQL 11+, which needs no rewrite);\n"
                            + "-- backfill in batches of ~10,000 rows, each in its own transaction\n"
                            + "ALTER TABLE " + w.table() + " ALTER COLUMN ... SET DEFAULT ...;",
                    (e, w) -> addColumnRewrites(e, w) ? Claim.pg("AccessExclusiveLock", true, false) : null, MEASURES_LOCK),
            rule("add-foreign-key-validated", Category.FOREIGN_KEYS, Status.FLAG, PG,
                    "ADD FOREIGN KEY validates every row under SHARE ROW EXCLUSIVE on both tables",
                    "Add the foreign key NOT VALID, then VALIDATE CONSTRAINT separately",
                    "ADD FOREIGN KEY checks every existing row against the referenced table while holding SHARE ROW"
                            + " EXCLUSIVE on both, which blocks their writes for the whole check. NOT VALID skips the"
                            + " check; VALIDATE CONSTRAINT later takes only SHARE UPDATE EXCLUSIVE.",
                    w -> w.startsWith("ALTER", "TABLE") && (w.has("FOREIGN", "KEY") || w.has("REFERENCES"))
                            && !w.has("NOT", "VALID"), true,
                    w -> withNotValid(w.sql()) + ";\n-- next migration, SHARE UPDATE EXCLUSIVE: writes go on\n"
                            + "ALTER TABLE " + w.table() + " VALIDATE CONSTRAINT " + constraintAfter(w) + ";",
                    (e, w) -> Claim.pg("ShareRowExclusiveLock", false, true), MEASURES_LOCK),
            rule("add-check-validated", Category.CONSTRAINT_VALIDATION, Status.FLAG, PG,
                    "ADD CHECK validates every row under ACCESS EXCLUSIVE",
                    "Add the CHECK NOT VALID, then VALIDATE CONSTRAINT separately",
                    "ADD CONSTRAINT ... CHECK reads every row under ACCESS EXCLUSIVE. NOT VALID skips the check for"
                            + " existing rows (new rows are checked at once); VALIDATE CONSTRAINT later takes SHARE"
                            + " UPDATE EXCLUSIVE, which blocks neither reads nor writes.",
                    w -> w.startsWith("ALTER", "TABLE") && w.has("CHECK") && !w.has("NOT", "VALID"), true,
                    w -> withNotValid(w.sql()) + ";\n-- next migration, SHARE UPDATE EXCLUSIVE: reads and writes go on\n"
                            + "ALTER TABLE " + w.table() + " VALIDATE CONSTRAINT " + constraintAfter(w) + ";",
                    (e, w) -> Claim.pg("AccessExclusiveLock", false, true), MEASURES_LOCK),
            rule("add-exclusion-constraint", Category.INDEX_DEPENDENCIES, Status.FLAG, PG,
                    "ADD EXCLUDE builds its index under ACCESS EXCLUSIVE",
                    "Add exclusion constraints while the table is small, or in a maintenance window",
                    "An exclusion constraint builds a GiST (or other) index and checks every row while holding ACCESS"
                            + " EXCLUSIVE. Unlike UNIQUE there is no USING INDEX form, so there is no online path.",
                    w -> w.startsWith("ALTER", "TABLE") && w.has("EXCLUDE"), true,
                    w -> "There is no online form: add the exclusion constraint when the table is created or small, or"
                            + " in a maintenance window with SET lock_timeout; enforce the rule in the application"
                            + " meanwhile.",
                    (e, w) -> Claim.pg("AccessExclusiveLock", false, true), MEASURES_LOCK),
            rule("add-unique-without-index", Category.INDEX_DEPENDENCIES, Status.FLAG, PG,
                    "ADD UNIQUE / PRIMARY KEY builds its index under ACCESS EXCLUSIVE",
                    "CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... USING INDEX",
                    "ADD UNIQUE or ADD PRIMARY KEY builds the unique index while holding ACCESS EXCLUSIVE. Building"
                            + " the index CONCURRENTLY first and attaching it with USING INDEX holds the lock only for"
                            + " a catalog update.",
                    w -> w.startsWith("ALTER", "TABLE") && (w.has("UNIQUE") || w.has("PRIMARY", "KEY"))
                            && !w.has("USING", "INDEX"), true,
                    w -> "CREATE UNIQUE INDEX CONCURRENTLY " + constraintAfter(w) + "_idx ON " + w.table() + " (...);\n"
                            + "ALTER TABLE " + w.table() + " ADD CONSTRAINT " + constraintAfter(w)
                            + " UNIQUE USING INDEX " + constraintAfter(w) + "_idx;",
                    (e, w) -> Claim.pg("AccessExclusiveLock", false, true), MEASURES_LOCK),
            rule("create-index-non-concurrent", Category.INDEX_DEPENDENCIES, Status.FLAG, PG,
                    "CREATE INDEX blocks writes for the whole build",
                    "Use CREATE INDEX CONCURRENTLY outside a transaction",
                    "CREATE INDEX holds SHARE on the table for the whole build: reads go on, every INSERT, UPDATE"
                            + " and DELETE waits. CONCURRENTLY builds under SHARE UPDATE EXCLUSIVE in two passes.",
                    w -> (w.startsWith("CREATE", "INDEX") || w.startsWith("CREATE", "UNIQUE", "INDEX"))
                            && !w.has("CONCURRENTLY"), true,
                    w -> w.sql().replaceFirst("(?i)^(\\s*CREATE\\s+(UNIQUE\\s+)?INDEX)\\s+", "$1 CONCURRENTLY ")
                            + ";\n-- in a migration of its own, outside a transaction block",
                    (e, w) -> Claim.pg("ShareLock", false, true), MEASURES_LOCK),
            rule("drop-index-non-concurrent", Category.INDEX_DEPENDENCIES, Status.FLAG, PG,
                    "DROP INDEX takes ACCESS EXCLUSIVE on the table",
                    "Use DROP INDEX CONCURRENTLY outside a transaction",
                    "DROP INDEX takes ACCESS EXCLUSIVE on the index's table. It is quick, but it queues behind any"
                            + " long query on the table and everything queues behind it.",
                    w -> w.startsWith("DROP", "INDEX") && !w.has("CONCURRENTLY"), false,
                    w -> w.sql().replaceFirst("(?i)^(\\s*DROP\\s+INDEX)\\s+", "$1 CONCURRENTLY ")
                            + ";\n-- in a migration of its own, outside a transaction block",
                    null, "the lock on the table and the queries that queued behind it"),
            rule("reindex-non-concurrent", Category.INDEX_DEPENDENCIES, Status.FLAG, PG,
                    "REINDEX blocks writes while it rebuilds",
                    "Use REINDEX CONCURRENTLY (PostgreSQL 12+)",
                    "REINDEX holds SHARE on the table (writes wait) and ACCESS EXCLUSIVE on each index (queries that"
                            + " would use it wait) for the whole rebuild. PostgreSQL 12 added REINDEX CONCURRENTLY.",
                    w -> w.startsWith("REINDEX") && !w.has("CONCURRENTLY"), true,
                    w -> w.sql().replaceFirst("(?i)^(\\s*REINDEX\\s+\\w+)\\s+", "$1 CONCURRENTLY ")
                            + ";\n-- PostgreSQL 12+, outside a transaction block",
                    (e, w) -> Claim.pg("ShareLock", false, true), MEASURES_LOCK),
            rule("vacuum-full-or-cluster", Category.LOCK_CONTENTION, Status.FLAG, PG,
                    "VACUUM FULL / CLUSTER rewrite under ACCESS EXCLUSIVE",
                    "Use pg_repack instead",
                    "VACUUM FULL and CLUSTER copy the whole table into new storage while holding ACCESS EXCLUSIVE.",
                    w -> (w.startsWith("VACUUM") && w.has("FULL")) || w.startsWith("CLUSTER"), true,
                    w -> "Use pg_repack (or pg_squeeze), which rebuilds online and takes ACCESS EXCLUSIVE only briefly.",
                    (e, w) -> Claim.pg("AccessExclusiveLock", true, false), MEASURES_LOCK),
            rule("validate-in-same-transaction", Category.CONSTRAINT_VALIDATION, Status.FLAG, PG,
                    "VALIDATE CONSTRAINT in the transaction that added it NOT VALID",
                    "Validate in a later migration, in its own transaction",
                    "NOT VALID exists so that the scan happens under VALIDATE's weak lock. In the same transaction the"
                            + " strong lock taken by ADD CONSTRAINT (ACCESS EXCLUSIVE for CHECK, SHARE ROW EXCLUSIVE for"
                            + " FOREIGN KEY) is still held while VALIDATE scans, so nothing was gained.",
                    CONTEXTUAL, true,
                    w -> "-- move this statement to the next migration (its own transaction):\n" + w.sql().strip() + ";",
                    null, MEASURES_LOCK),
            rule("drop-table", Category.DATA_LOSS, Status.FLAG, ALL_ENGINES, "DROP TABLE destroys data",
                    "Rename first, drop in a later release, keep a backup",
                    "Dropping a table loses its rows for good, and the application version still running fails on"
                            + " it. Deploys roll back code, not data.",
                    w -> w.startsWith("DROP", "TABLE"), false,
                    w -> "Rename the table first and drop it in a later release once nothing reads it; keep a backup.",
                    null, "the rows the table held (seeded row count) and any application query that failed"),
            rule("drop-column", Category.DATA_LOSS, Status.FLAG, ALL_ENGINES, "DROP COLUMN destroys data",
                    "Stop using the column in a release first, keep a backup",
                    "Dropping a column loses its values, and the application version still running fails on"
                            + " SELECT/INSERT naming it.",
                    w -> w.startsWith("ALTER", "TABLE") && w.has("DROP") && !w.has("DROP", "CONSTRAINT")
                            && !w.has("DROP", "DEFAULT") && !w.has("DROP", "NOT", "NULL") && !w.has("DROP", "IDENTITY")
                            && !w.has("DROP", "EXPRESSION") && !w.has("DROP", "INDEX") && !w.has("DROP", "PRIMARY")
                            && !w.has("DROP", "FOREIGN") && !w.has("DROP", "KEY") && !w.has("DROP", "CHECK"), false,
                    w -> "Stop reading and writing the column in a release first, then drop it; keep a backup.",
                    null, "the rows of the table whose column was dropped and application errors"),
            rule("drop-cascade", Category.DATA_LOSS, Status.FLAG, PG,
                    "DROP ... CASCADE drops dependent objects too",
                    "Drop dependants explicitly, by name",
                    "CASCADE silently drops every dependent view, foreign key, default and policy. What else went is"
                            + " only visible in the server log.",
                    w -> w.startsWith("DROP") && w.words().get(w.words().size() - 1).equals("CASCADE")
                            || w.startsWith("ALTER", "TABLE") && w.has("DROP") && w.words().get(w.words().size() - 1).equals("CASCADE"),
                    false,
                    w -> "Drop each dependent object explicitly, by name, then the object itself without CASCADE.",
                    null, "which statements failed and what was dropped"),
            rule("truncate", Category.DATA_LOSS, Status.FLAG, ALL_ENGINES, "TRUNCATE destroys data under ACCESS EXCLUSIVE",
                    "Delete in batches or archive first",
                    "TRUNCATE removes every row at once, under ACCESS EXCLUSIVE (PostgreSQL) or an exclusive metadata"
                            + " lock (MySQL), and is not recoverable after commit.",
                    w -> w.startsWith("TRUNCATE"), false,
                    w -> "Delete in batches if the rows must go; archive them first if they may be needed.",
                    null, "the rows the table held"),
            rule("rename", Category.CONCURRENT_WRITE_HAZARDS, Status.FLAG, ALL_ENGINES,
                    "RENAME breaks the application version still running",
                    "Expand and contract instead of renaming in place",
                    "A rename is instant, but the application version still serving traffic during the deploy uses"
                            + " the old name and fails until every instance runs the new code.",
                    w -> (w.startsWith("ALTER", "TABLE") && (w.has("RENAME") || w.has("CHANGE", "COLUMN")))
                            || w.startsWith("RENAME", "TABLE"), false,
                    w -> "Expand and contract: add the new name (column, or a view for a table), write both,"
                            + " move readers, then drop the old name in a later release.",
                    null, "application queries that failed after the rename"),
            rule("drop-not-null", Category.CONCURRENT_WRITE_HAZARDS, Status.FLAG, PG,
                    "DROP NOT NULL lets NULLs reach readers that assume none",
                    "Make every reader tolerate NULL before dropping the constraint",
                    "The statement is instant, but once the new code writes NULL, the old version (and reports,"
                            + " exports, replicas' consumers) that assumed a value break silently.",
                    w -> w.startsWith("ALTER", "TABLE") && w.has("DROP", "NOT", "NULL"), false,
                    w -> "Ship readers that handle NULL first; then drop NOT NULL; backfill or default where a value is"
                            + " still expected.",
                    null, "nothing: the break is in the application's assumptions, not in locks"),
            rule("enum-value-ordering", Category.CONCURRENT_WRITE_HAZARDS, Status.FLAG, PG,
                    "ADD VALUE ... BEFORE/AFTER changes the enum's sort order",
                    "Append enum values at the end, or use a lookup table",
                    "Enums sort by declaration order. Inserting a value BEFORE or AFTER another changes ORDER BY,"
                            + " comparisons and range checks; before PostgreSQL 12 ADD VALUE also cannot run in a"
                            + " transaction block.",
                    w -> w.startsWith("ALTER", "TYPE") && w.has("ADD", "VALUE") && w.hasAny("BEFORE", "AFTER"), false,
                    w -> w.sql().strip().replaceFirst("(?is)\\s+(BEFORE|AFTER)\\s+.*$", "")
                            + ";  -- appended: existing order unchanged",
                    null, "nothing: order changes are invisible to locks"),
            rule("fk-on-delete-cascade", Category.FOREIGN_KEYS, Status.FLAG, ALL_ENGINES,
                    "ON DELETE CASCADE turns one delete into many",
                    "Delete children explicitly, in batches; use RESTRICT or NO ACTION",
                    "A cascading foreign key makes one DELETE remove (and lock) every dependent row in one"
                            + " transaction, unbounded, often across several tables.",
                    w -> (w.startsWith("ALTER", "TABLE") || w.startsWith("CREATE", "TABLE")) && w.has("REFERENCES")
                            && w.has("ON", "DELETE", "CASCADE"), false,
                    w -> "Use ON DELETE RESTRICT (or NO ACTION) and delete dependent rows explicitly in batches.",
                    null, "rows and locks a cascading delete takes when the workload deletes"),
            rule("missing-lock-timeout", Category.LOCK_CONTENTION, Status.FLAG, ALL_ENGINES,
                    "a dangerous lock is requested without lock_timeout",
                    "SET lock_timeout (PostgreSQL) / lock_wait_timeout (MySQL) before the statement",
                    "A DDL lock request queues behind any long-running query on the table, and every later query"
                            + " queues behind the request: the table is down for as long as the oldest transaction"
                            + " runs. A short lock_timeout makes the migration fail fast and retry instead.",
                    CONTEXTUAL, false,
                    w -> "SET lock_timeout = '5s';      -- MySQL: SET SESSION lock_wait_timeout = 5;\n"
                            + "SET statement_timeout = '15min';\n" + w.sql().strip() + ";",
                    null, "how long application queries queued behind the migration's lock request"),
            rule("unbatched-backfill", Category.CONCURRENT_WRITE_HAZARDS, Status.FLAG, ALL_ENGINES,
                    "one UPDATE/DELETE changes many rows in one transaction",
                    "Backfill in batches of ~10,000 rows per transaction",
                    "An UPDATE or DELETE of a whole table locks every row it touches until commit, bloats the table"
                            + " and writes WAL that replicas replay serially.",
                    w -> w.startsWith("UPDATE") || w.startsWith("DELETE"), false,
                    w -> "Backfill in batches by key range (e.g. 10,000 rows per transaction) with a pause between"
                            + " batches, outside the schema migration's transaction; make it idempotent (WHERE col IS NULL).",
                    null, "rows changed in one transaction, how long their row locks were held, WAL written"),
            rule("backfill-not-idempotent", Category.CONCURRENT_WRITE_HAZARDS, Status.FLAG, ALL_ENGINES,
                    "the backfill changes rows again when it is re-run",
                    "Write absolute values and skip rows already done (WHERE col IS NULL)",
                    "A backfill that computes a column from itself (x = x + 1, s = s || '...') double-applies when a"
                            + " failed deploy is retried, or when batches overlap.",
                    CONTEXTUAL, false,
                    w -> "UPDATE ... SET col = <value computed from other columns> WHERE col IS NULL AND id BETWEEN ...;",
                    null, "nothing: re-runs are a deploy-process property"),
            rule("backfill-no-throttle", Category.REPLICATION_LAG, Status.FLAG, ALL_ENGINES,
                    "a batched backfill loop never pauses",
                    "Sleep between batches (pg_sleep / SLEEP) so replicas and autovacuum keep up",
                    "A loop that commits batch after batch without pausing writes WAL as fast as it can; replicas"
                            + " fall behind and autovacuum cannot keep up.",
                    CONTEXTUAL, false,
                    w -> "-- inside the loop, after each batch's COMMIT:\nPERFORM pg_sleep(0.1);",
                    null, "WAL volume written; replica lag once replica rehearsals land"),
            rule("backfill-no-progress", Category.MISSING_ROLLBACK, Status.FLAG, ALL_ENGINES,
                    "a batched backfill loop records no progress",
                    "Record the last key done (a progress table or RAISE NOTICE) so a restart resumes",
                    "Without a progress record, a backfill stopped half-way restarts from the beginning and nobody can"
                            + " tell how far it got.",
                    CONTEXTUAL, false,
                    w -> "-- after each batch:\nINSERT INTO backfill_progress (job, last_id) VALUES ('job', last_id)\n"
                            + "  ON CONFLICT (job) DO UPDATE SET last_id = EXCLUDED.last_id;",
                    null, "nothing beyond the statement's own facts"),
            rule("no-rollback-non-transactional", Category.MISSING_ROLLBACK, Status.FLAG, ALL_ENGINES,
                    "a migration of several non-transactional statements has no rollback script",
                    "Give each non-transactional statement its own migration, or add a .down.sql",
                    "Statements that run outside a transaction (CONCURRENTLY; every DDL on MySQL) commit one by one;"
                            + " a failure part-way leaves the database half-migrated, and without a rollback script"
                            + " someone repairs it by hand.",
                    CONTEXTUAL, false,
                    w -> "Split the file so each non-transactional statement is its own migration, or add X.down.sql.",
                    null, "statements that committed before a failure (partial-migration)"),
            // ---- MySQL / MariaDB online DDL (static only here: no MySQL server can run in this build's CI) ----
            rule("mysql-modify-column-copy", Category.LOCK_CONTENTION, Status.FLAG, MY,
                    "MODIFY/CHANGE COLUMN may copy the table with writes blocked",
                    "Use gh-ost or pt-online-schema-change, or ALGORITHM=INPLACE, LOCK=NONE to fail instead of copying",
                    "Changing a column's data type runs ALGORITHM=COPY on MySQL 8.0/8.4 and MariaDB 10.11: the table"
                            + " is copied row by row and concurrent writes are refused. NULL/NOT NULL changes rebuild"
                            + " in place (writes allowed); extending a VARCHAR within the same length-byte count is"
                            + " in place without rebuild. Which one applies depends on the old definition, so state"
                            + " the algorithm to make the server refuse a copy.",
                    w -> w.startsWith("ALTER", "TABLE") && (w.has("MODIFY") || w.has("CHANGE")), true,
                    w -> w.sql().strip() + ", ALGORITHM=INPLACE, LOCK=NONE;  -- refused (error 1846) if it needs COPY\n"
                            + "-- if refused: gh-ost / pt-online-schema-change, or add a new column and backfill",
                    (e, w) -> refusesCopy(w) ? null : Claim.mysql("COPY", "writes", true), "unverified by rehearsal in this build"),
            rule("mysql-add-column-rebuild", Category.LOCK_CONTENTION, Status.FLAG, MY,
                    "ADD COLUMN that cannot be INSTANT rebuilds the table",
                    "Add the column last (or upgrade to MySQL 8.0.29+) so it is INSTANT",
                    "MySQL before 8.0.29 adds a column INSTANT only as the last column; FIRST/AFTER rebuilds the"
                            + " table in place (writes allowed, but hours of I/O and a replica lag spike). Before"
                            + " 8.0.12 there is no INSTANT at all. An AUTO_INCREMENT column is never online.",
                    w -> w.startsWith("ALTER", "TABLE") && addsColumn(w) && w.hasAny("FIRST", "AFTER", "AUTO_INCREMENT"), true,
                    w -> w.sql().strip().replaceFirst("(?is)\\s+(FIRST|AFTER\\s+\\S+)\\s*$", "")
                            + ", ALGORITHM=INSTANT;  -- appended last: metadata only",
                    Rules::mysqlAddColumn, "unverified by rehearsal in this build"),
            rule("mysql-drop-column-rebuild", Category.LOCK_CONTENTION, Status.FLAG, EnumSet.of(Kind.MYSQL),
                    "DROP COLUMN rebuilds the table before MySQL 8.0.29",
                    "On MySQL < 8.0.29 use gh-ost / pt-online-schema-change for large tables",
                    "MySQL 8.0.29 made DROP COLUMN INSTANT; before, it rebuilds the table in place. MariaDB 10.4+"
                            + " drops instantly.",
                    w -> w.startsWith("ALTER", "TABLE") && w.has("DROP", "COLUMN"), true,
                    w -> "-- MySQL < 8.0.29: gh-ost / pt-online-schema-change; on 8.0.29+:\n" + w.sql().strip()
                            + ", ALGORITHM=INSTANT;",
                    (e, w) -> e.kind() == Kind.MYSQL && !atLeast(e, 8, 0, 29) ? Claim.mysql("INPLACE", "none", true) : null,
                    "unverified by rehearsal in this build"),
            rule("mysql-index-blocks-writes", Category.INDEX_DEPENDENCIES, Status.FLAG, MY,
                    "FULLTEXT / SPATIAL index builds block writes",
                    "Build it with gh-ost / pt-online-schema-change",
                    "Secondary B-tree indexes build INPLACE with concurrent DML, but FULLTEXT and SPATIAL indexes build"
                            + " INPLACE with writes refused for the whole build.",
                    w -> (w.startsWith("ALTER", "TABLE") && w.has("ADD") || w.startsWith("CREATE"))
                            && w.hasAny("FULLTEXT", "SPATIAL"), true,
                    w -> "Build the index with gh-ost or pt-online-schema-change, which copy in chunks while writes go on.",
                    (e, w) -> Claim.mysql("INPLACE", "writes", false), "unverified by rehearsal in this build"),
            rule("mysql-add-foreign-key-copy", Category.FOREIGN_KEYS, Status.FLAG, MY,
                    "ADD FOREIGN KEY copies the table unless foreign_key_checks=0",
                    "SET foreign_key_checks = 0 for the ALTER (INPLACE), after checking orphans yourself",
                    "With foreign_key_checks on, ADD FOREIGN KEY runs ALGORITHM=COPY: the table is copied and writes"
                            + " are blocked. With foreign_key_checks=0 it is INPLACE, but existing rows are not checked.",
                    w -> w.startsWith("ALTER", "TABLE") && w.has("FOREIGN", "KEY") && w.has("ADD"), true,
                    w -> "-- check for orphans first (SELECT ... LEFT JOIN ... WHERE parent.id IS NULL)\n"
                            + "SET foreign_key_checks = 0;\n" + w.sql().strip() + ", ALGORITHM=INPLACE, LOCK=NONE;\n"
                            + "SET foreign_key_checks = 1;",
                    (e, w) -> Claim.mysql("COPY", "writes", true), "unverified by rehearsal in this build"),
            rule("mysql-primary-key-change", Category.LOCK_CONTENTION, Status.FLAG, MY,
                    "changing the PRIMARY KEY rebuilds (or copies) the table",
                    "Use gh-ost / pt-online-schema-change",
                    "ADD PRIMARY KEY rebuilds the clustered index in place; DROP PRIMARY KEY alone is COPY with writes"
                            + " blocked.",
                    w -> w.startsWith("ALTER", "TABLE") && w.has("PRIMARY", "KEY") && w.hasAny("ADD", "DROP"), true,
                    w -> "Use gh-ost or pt-online-schema-change; DROP and ADD the primary key in one ALTER if you must.",
                    (e, w) -> w.has("DROP", "PRIMARY", "KEY") && !w.has("ADD")
                            ? Claim.mysql("COPY", "writes", true) : Claim.mysql("INPLACE", "none", true),
                    "unverified by rehearsal in this build"),
            rule("mysql-convert-charset", Category.LOCK_CONTENTION, Status.FLAG, MY,
                    "CONVERT TO CHARACTER SET copies the table with writes blocked",
                    "Use gh-ost / pt-online-schema-change",
                    "CONVERT TO CHARACTER SET rewrites every text column with ALGORITHM=COPY; writes are refused.",
                    w -> w.startsWith("ALTER", "TABLE") && w.has("CONVERT", "TO"), true,
                    w -> "Use gh-ost or pt-online-schema-change for the conversion.",
                    (e, w) -> Claim.mysql("COPY", "writes", true), "unverified by rehearsal in this build"),
            rule("mysql-table-rebuild", Category.LOCK_CONTENTION, Status.FLAG, MY,
                    "OPTIMIZE TABLE / ALTER ... FORCE / ENGINE= rebuild the table",
                    "Use gh-ost / pt-online-schema-change for large tables",
                    "OPTIMIZE TABLE, ALTER TABLE ... FORCE, ENGINE=InnoDB and ROW_FORMAT changes rebuild the table;"
                            + " in place with DML allowed, but the rebuild reads and writes the whole table and"
                            + " replicas replay it serially.",
                    w -> w.startsWith("OPTIMIZE", "TABLE") || w.startsWith("ALTER", "TABLE")
                            && (w.has("FORCE") || w.has("ENGINE", "=") || w.has("ROW_FORMAT")), true,
                    w -> "Use gh-ost or pt-online-schema-change, or run it off-peak with replicas watched.",
                    (e, w) -> Claim.mysql("INPLACE", "none", true), "unverified by rehearsal in this build"));

    /** The PostgreSQL rules, in match order (what {@code run} on PostgreSQL uses). */
    public static final List<Rule> POSTGRES = forEngine(Kind.POSTGRES);

    public static List<Rule> forEngine(Kind kind) {
        List<Rule> out = new ArrayList<>();
        for (Rule r : ALL) if (r.covers(kind)) out.add(r);
        return List.copyOf(out);
    }

    /** Ids of findings the analyzer or the linter makes on their own (no catalog entry names the statement). */
    public static final Set<String> GENERATED_IDS = Set.of("lock-timeout", "statement-timeout", "constraint-violation",
            "statement-failed", "partial-migration", "blocked-queries", "latency-regression", "application-errors",
            "wal-volume", "table-rewrite-under-lock", "full-scan-under-lock", "long-lock-hold", "unknown-suppression",
            "suppression-without-reason");

    public static boolean known(String id) {
        return GENERATED_IDS.contains(id) || ALL.stream().anyMatch(r -> r.id().equals(id));
    }

    public static Optional<Rule> match(List<Rule> catalog, Words words) {
        return catalog.stream().filter(r -> r.matches().test(words)).findFirst();
    }

    public static Rule byId(List<Rule> catalog, String id) {
        return catalog.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    public static Rule byId(String id) {
        return byId(ALL, id);
    }

    /** varchar/text changes PostgreSQL does without a rewrite, when no USING clause recomputes the values. */
    static boolean binaryCoercible(Words w) {
        if (w.has("USING")) return false;
        int i = w.indexOf(1, "TYPE");
        if (i < 0) return false;
        String type = w.at(i + 1);
        if (type.equals("TEXT")) return i + 2 >= w.words().size() || !w.at(i + 2).equals("[");
        if (type.equals("VARCHAR")) return true; // widening; a shrink needs a check PostgreSQL does by rewriting, seen in run
        return type.equals("CHARACTER") && w.at(i + 2).equals("VARYING");
    }

    /** Volatile default, identity, serial or stored generated column; any default before PostgreSQL 11. */
    static boolean addColumnRewrites(EngineSpec e, Words w) {
        if (w.hasAny("SERIAL", "BIGSERIAL", "SMALLSERIAL")) return true;
        if (w.has("GENERATED")) return true; // identity or STORED generated: both fill every row
        int d = w.indexOf(0, "DEFAULT");
        if (d < 0) return false;
        if (w.at(d + 1).equals("NULL")) return false;
        if (e.major() < 11) return true;
        for (int i = d + 1; i + 1 < w.words().size(); i++) {
            String word = w.at(i);
            if (List.of("NOT", "NULL", "CONSTRAINT", "CHECK", "REFERENCES", "UNIQUE", "PRIMARY", ",").contains(word)) break;
            if (w.at(i + 1).equals("(") && Character.isLetter(word.charAt(0)) && !NON_VOLATILE.contains(word)) return true;
        }
        return false;
    }

    /** ALTER TABLE ... ADD [COLUMN] name ...: an ADD not followed by an index or constraint keyword. */
    static boolean addsColumn(Words w) {
        Set<String> notColumn = Set.of("INDEX", "KEY", "CONSTRAINT", "FULLTEXT", "SPATIAL", "UNIQUE", "PRIMARY",
                "FOREIGN", "CHECK", "PARTITION");
        for (int i = w.indexOf(0, "ADD"); i >= 0; i = w.indexOf(i + 1, "ADD")) {
            if (!notColumn.contains(w.at(i + 1))) return true;
        }
        return false;
    }

    private static Claim mysqlAddColumn(EngineSpec e, Words w) {
        Claim c;
        if (w.has("AUTO_INCREMENT")) c = Claim.mysql("INPLACE", "writes", true);
        else if (e.kind() == Kind.MARIADB || atLeast(e, 8, 0, 29)) c = null; // INSTANT at any position
        else c = Claim.mysql("INPLACE", "none", true);
        // ALGORITHM=INSTANT where INSTANT is impossible: the server refuses the statement instead (error 1845)
        if (c != null && w.has("ALGORITHM", "=", "INSTANT")) return new Claim("INSTANT", "none", false, false, true);
        return c;
    }

    /** ALGORITHM=INPLACE/INSTANT stated: the server refuses a copy (error 1846) rather than blocking writes. */
    static boolean refusesCopy(Words w) {
        return w.has("ALGORITHM", "=", "INPLACE") || w.has("ALGORITHM", "=", "INSTANT") || w.has("ALGORITHM", "=", "NOCOPY");
    }

    /** Version comparison on the spec's dotted version; a bare "8.0" counts as the newest 8.0.x. */
    static boolean atLeast(EngineSpec e, int major, int minor, int patch) {
        String[] p = e.version().split("\\.");
        int a = Integer.parseInt(p[0]), b = p.length > 1 ? Integer.parseInt(p[1]) : 0;
        int c = p.length > 2 ? Integer.parseInt(p[2]) : Integer.MAX_VALUE;
        if (a != major) return a > major;
        if (b != minor) return b > minor;
        return c >= patch;
    }

    private static String withNotValid(String sql) {
        return sql.strip().replaceFirst(";\\s*$", "") + " NOT VALID";
    }

    private static String constraintAfter(Rule.Words w) {
        String name = w.nameAfter("CONSTRAINT");
        return name.equals("?") ? "<constraint>" : name;
    }

    private static String constraintName(String table, String suffix) {
        String base = table.contains(".") ? table.substring(table.indexOf('.') + 1) : table;
        return base + "_" + suffix;
    }
}
