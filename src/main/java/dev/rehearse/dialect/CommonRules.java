package dev.rehearse.dialect;

import dev.rehearse.dialect.Rule.Claim;
import dev.rehearse.dialect.Rule.Words;
import dev.rehearse.model.Category;
import dev.rehearse.model.Status;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.EngineSpec.Kind;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The rules every engine's catalog shares: data loss, expand/contract hazards, backfills and deploy process. An
 * engine lists them in its own catalog, in its own match order ({@code PostgresRules}, {@code MySqlRules}).
 */
public final class CommonRules {

    private CommonRules() {}

    private static final Set<Kind> ALL_ENGINES = EnumSet.allOf(Kind.class);
    private static final Predicate<Words> CONTEXTUAL = w -> false;

    private static Rule rule(String id, Category category, Status severity, Set<Kind> engines, String title,
                             String advice, String explanation, Predicate<Words> matches, boolean grows,
                             Function<Words, String> rewrite, BiFunction<EngineSpec, Words, Claim> claim,
                             String measures) {
        return new Rule(id, category, severity, title, advice, explanation, engines, matches, grows, rewrite, claim,
                measures);
    }

    public static final Rule DROP_TABLE = rule("drop-table", Category.DATA_LOSS, Status.FLAG, ALL_ENGINES, "DROP TABLE destroys data",
            "Rename first, drop in a later release, keep a backup",
            "Dropping a table loses its rows for good, and the application version still running fails on"
                    + " it. Deploys roll back code, not data.",
            w -> w.startsWith("DROP", "TABLE"), false,
            w -> "Rename the table first and drop it in a later release once nothing reads it; keep a backup.",
            null, "the rows the table held (seeded row count) and any application query that failed");

    public static final Rule DROP_COLUMN = rule("drop-column", Category.DATA_LOSS, Status.FLAG, ALL_ENGINES, "DROP COLUMN destroys data",
            "Stop using the column in a release first, keep a backup",
            "Dropping a column loses its values, and the application version still running fails on"
                    + " SELECT/INSERT naming it.",
            w -> w.startsWith("ALTER", "TABLE") && w.has("DROP") && !w.has("DROP", "CONSTRAINT")
                    && !w.has("DROP", "DEFAULT") && !w.has("DROP", "NOT", "NULL") && !w.has("DROP", "IDENTITY")
                    && !w.has("DROP", "EXPRESSION") && !w.has("DROP", "INDEX") && !w.has("DROP", "PRIMARY")
                    && !w.has("DROP", "FOREIGN") && !w.has("DROP", "KEY") && !w.has("DROP", "CHECK"), false,
            w -> "Stop reading and writing the column in a release first, then drop it; keep a backup.",
            null, "the rows of the table whose column was dropped and application errors");

    public static final Rule TRUNCATE = rule("truncate", Category.DATA_LOSS, Status.FLAG, ALL_ENGINES, "TRUNCATE destroys data under ACCESS EXCLUSIVE",
            "Delete in batches or archive first",
            "TRUNCATE removes every row at once, under ACCESS EXCLUSIVE (PostgreSQL) or an exclusive metadata"
                    + " lock (MySQL), and is not recoverable after commit.",
            w -> w.startsWith("TRUNCATE"), false,
            w -> "Delete in batches if the rows must go; archive them first if they may be needed.",
            null, "the rows the table held");

    public static final Rule RENAME = rule("rename", Category.CONCURRENT_WRITE_HAZARDS, Status.FLAG, ALL_ENGINES,
            "RENAME breaks the application version still running",
            "Expand and contract instead of renaming in place",
            "A rename is instant, but the application version still serving traffic during the deploy uses"
                    + " the old name and fails until every instance runs the new code.",
            w -> (w.startsWith("ALTER", "TABLE") && (w.has("RENAME") || w.has("CHANGE", "COLUMN")))
                    || w.startsWith("RENAME", "TABLE"), false,
            w -> "Expand and contract: add the new name (column, or a view for a table), write both,"
                    + " move readers, then drop the old name in a later release.",
            null, "application queries that failed after the rename");

    public static final Rule FK_ON_DELETE_CASCADE = rule("fk-on-delete-cascade", Category.FOREIGN_KEYS, Status.FLAG, ALL_ENGINES,
            "ON DELETE CASCADE turns one delete into many",
            "Delete children explicitly, in batches; use RESTRICT or NO ACTION",
            "A cascading foreign key makes one DELETE remove (and lock) every dependent row in one"
                    + " transaction, unbounded, often across several tables.",
            w -> (w.startsWith("ALTER", "TABLE") || w.startsWith("CREATE", "TABLE")) && w.has("REFERENCES")
                    && w.has("ON", "DELETE", "CASCADE"), false,
            w -> "Use ON DELETE RESTRICT (or NO ACTION) and delete dependent rows explicitly in batches.",
            null, "rows and locks a cascading delete takes when the workload deletes");

    public static final Rule MISSING_LOCK_TIMEOUT = rule("missing-lock-timeout", Category.LOCK_CONTENTION, Status.FLAG, ALL_ENGINES,
            "a dangerous lock is requested without lock_timeout",
            "SET lock_timeout (PostgreSQL) / lock_wait_timeout (MySQL) before the statement",
            "A DDL lock request queues behind any long-running query on the table, and every later query"
                    + " queues behind the request: the table is down for as long as the oldest transaction"
                    + " runs. A short lock_timeout makes the migration fail fast and retry instead.",
            CONTEXTUAL, false,
            w -> "SET lock_timeout = '5s';      -- MySQL: SET SESSION lock_wait_timeout = 5;\n"
                    + "SET statement_timeout = '15min';\n" + w.sql().strip() + ";",
            null, "how long application queries queued behind the migration's lock request");

    public static final Rule UNBATCHED_BACKFILL = rule("unbatched-backfill", Category.CONCURRENT_WRITE_HAZARDS, Status.FLAG, ALL_ENGINES,
            "one UPDATE/DELETE changes many rows in one transaction",
            "Backfill in batches of ~10,000 rows per transaction",
            "An UPDATE or DELETE of a whole table locks every row it touches until commit, bloats the table"
                    + " and writes WAL that replicas replay serially.",
            w -> w.startsWith("UPDATE") || w.startsWith("DELETE"), false,
            w -> "Backfill in batches by key range (e.g. 10,000 rows per transaction) with a pause between"
                    + " batches, outside the schema migration's transaction; make it idempotent (WHERE col IS NULL).",
            null, "rows changed in one transaction, how long their row locks were held, WAL written");

    public static final Rule BACKFILL_NOT_IDEMPOTENT = rule("backfill-not-idempotent", Category.CONCURRENT_WRITE_HAZARDS, Status.FLAG, ALL_ENGINES,
            "the backfill changes rows again when it is re-run",
            "Write absolute values and skip rows already done (WHERE col IS NULL)",
            "A backfill that computes a column from itself (x = x + 1, s = s || '...') double-applies when a"
                    + " failed deploy is retried, or when batches overlap.",
            CONTEXTUAL, false,
            w -> "UPDATE ... SET col = <value computed from other columns> WHERE col IS NULL AND id BETWEEN ...;",
            null, "nothing: re-runs are a deploy-process property");

    public static final Rule BACKFILL_NO_THROTTLE = rule("backfill-no-throttle", Category.REPLICATION_LAG, Status.FLAG, ALL_ENGINES,
            "a batched backfill loop never pauses",
            "Sleep between batches (pg_sleep / SLEEP) so replicas and autovacuum keep up",
            "A loop that commits batch after batch without pausing writes WAL as fast as it can; replicas"
                    + " fall behind and autovacuum cannot keep up.",
            CONTEXTUAL, false,
            w -> "-- inside the loop, after each batch's COMMIT:\nPERFORM pg_sleep(0.1);",
            null, "WAL volume written; replica lag once replica rehearsals land");

    public static final Rule BACKFILL_NO_PROGRESS = rule("backfill-no-progress", Category.MISSING_ROLLBACK, Status.FLAG, ALL_ENGINES,
            "a batched backfill loop records no progress",
            "Record the last key done (a progress table or RAISE NOTICE) so a restart resumes",
            "Without a progress record, a backfill stopped half-way restarts from the beginning and nobody can"
                    + " tell how far it got.",
            CONTEXTUAL, false,
            w -> "-- after each batch:\nINSERT INTO backfill_progress (job, last_id) VALUES ('job', last_id)\n"
                    + "  ON CONFLICT (job) DO UPDATE SET last_id = EXCLUDED.last_id;",
            null, "nothing beyond the statement's own facts");

    public static final Rule NO_ROLLBACK_NON_TRANSACTIONAL = rule("no-rollback-non-transactional", Category.MISSING_ROLLBACK, Status.FLAG, ALL_ENGINES,
            "a migration of several non-transactional statements has no rollback script",
            "Give each non-transactional statement its own migration, or add a .down.sql",
            "Statements that run outside a transaction (CONCURRENTLY; every DDL on MySQL) commit one by one;"
                    + " a failure part-way leaves the database half-migrated, and without a rollback script"
                    + " someone repairs it by hand.",
            CONTEXTUAL, false,
            w -> "Split the file so each non-transactional statement is its own migration, or add X.down.sql.",
            null, "statements that committed before a failure (partial-migration)");

    /** In the order the engines list them. */
    public static final List<Rule> ALL = List.of(DROP_TABLE, DROP_COLUMN, TRUNCATE, RENAME, FK_ON_DELETE_CASCADE, MISSING_LOCK_TIMEOUT, UNBATCHED_BACKFILL, BACKFILL_NOT_IDEMPOTENT, BACKFILL_NO_THROTTLE, BACKFILL_NO_PROGRESS, NO_ROLLBACK_NON_TRANSACTIONAL);
}
