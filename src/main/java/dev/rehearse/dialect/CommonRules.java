package dev.rehearse.dialect;

import dev.rehearse.dialect.Rule.Words;
import dev.rehearse.model.Category;
import dev.rehearse.model.Report;
import dev.rehearse.model.Status;
import dev.rehearse.scenario.EngineSpec.Kind;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The rules every engine's catalog shares: data loss, expand/contract hazards, backfills and deploy process. An
 * engine lists them in its own catalog, in its own match order ({@code PostgresRules}, {@code MySqlRules}).
 */
public final class CommonRules {

    private CommonRules() {}

    private static final Set<Kind> ALL_ENGINES = EnumSet.allOf(Kind.class);
    private static final Predicate<Words> CONTEXTUAL = w -> false;

    public static final Rule DROP_TABLE = Rule.of("drop-table", Category.DATA_LOSS, Status.FLAG, ALL_ENGINES, "DROP TABLE destroys data",
            "Rename first, drop in a later release, keep a backup",
            "Dropping a table loses its rows for good, and the application version still running fails on"
                    + " it. Deploys roll back code, not data.",
            w -> w.startsWith("DROP", "TABLE"), false,
            w -> "Rename the table first and drop it in a later release once nothing reads it; keep a backup.",
            null, "the rows the table held (seeded row count) and any application query that failed")
            .withMeasured(CommonRules::dataLost);

    /**
     * DROP DATABASE (on MySQL and MariaDB DROP SCHEMA is its synonym; on PostgreSQL DROP SCHEMA is another statement,
     * left to drop-cascade and the schema's own emptiness check).
     */
    public static final Rule DROP_DATABASE = Rule.of("drop-database", Category.DATA_LOSS, Status.FLAG, ALL_ENGINES,
            "DROP DATABASE destroys every table in it",
            "Revoke access first, drop in a later release, keep a dump",
            "Dropping a database loses every table, row, routine and grant in it at once, and whatever still"
                    + " connects to it fails. It cannot be rolled back: PostgreSQL refuses it inside a transaction"
                    + " block and MySQL commits it implicitly.",
            w -> w.startsWith("DROP", "DATABASE"), false,
            w -> "Revoke access first (PostgreSQL: REVOKE CONNECT ON DATABASE ... FROM PUBLIC; MySQL: REVOKE ... ON db.*),"
                    + " watch that nothing fails for a release, take a dump (pg_dump / mysqldump), then drop it.",
            null, "that the statement ran (the database's tables are not seeded; nothing else is measured)");

    public static final Rule DROP_COLUMN = Rule.of("drop-column", Category.DATA_LOSS, Status.FLAG, ALL_ENGINES, "DROP COLUMN destroys data",
            "Stop using the column in a release first, keep a backup",
            "Dropping a column loses its values, and the application version still running fails on"
                    + " SELECT/INSERT naming it.",
            w -> w.startsWith("ALTER", "TABLE") && w.has("DROP") && !w.has("DROP", "CONSTRAINT")
                    && !w.has("DROP", "DEFAULT") && !w.has("DROP", "NOT", "NULL") && !w.has("DROP", "IDENTITY")
                    && !w.has("DROP", "EXPRESSION") && !w.has("DROP", "INDEX") && !w.has("DROP", "PRIMARY")
                    && !w.has("DROP", "FOREIGN") && !w.has("DROP", "KEY") && !w.has("DROP", "CHECK"), false,
            Rewrite.mechanical(CommonRules::dropColumnPlan),
            null, "the rows of the table whose column was dropped and application errors")
            .withMeasured(CommonRules::dataLost);

    public static final Rule TRUNCATE = Rule.of("truncate", Category.DATA_LOSS, Status.FLAG, ALL_ENGINES, "TRUNCATE destroys data under ACCESS EXCLUSIVE",
            "Delete in batches or archive first",
            "TRUNCATE removes every row at once, under ACCESS EXCLUSIVE (PostgreSQL) or an exclusive metadata"
                    + " lock (MySQL), and is not recoverable after commit.",
            w -> w.startsWith("TRUNCATE"), false,
            w -> "Delete in batches if the rows must go; archive them first if they may be needed.",
            null, "the rows the table held")
            .withMeasured(CommonRules::dataLost);

    public static final Rule RENAME = Rule.of("rename", Category.CONCURRENT_WRITE_HAZARDS, Status.FLAG, ALL_ENGINES,
            "RENAME breaks the application version still running",
            "Expand and contract instead of renaming in place",
            "A rename is instant, but the application version still serving traffic during the deploy uses"
                    + " the old name and fails until every instance runs the new code. That holds for columns and"
                    + " tables, for an enum label (ALTER TYPE ... RENAME VALUE: the old label is refused at once) and"
                    + " for a schema (ALTER SCHEMA ... RENAME TO: qualified names and search_path break).",
            // RENAME CONSTRAINT breaks no query
            w -> (w.startsWith("ALTER", "TABLE") && (w.has("RENAME") && !renamesOnlyAConstraint(w) || w.has("CHANGE", "COLUMN")))
                    || w.startsWith("RENAME", "TABLE") || renamesTypeValueOrSchema(w), false,
            Rewrite.mechanical(w -> w.startsWith("ALTER", "TYPE")
                    ? Rewrite.checklist("Expand: ALTER TYPE ... ADD VALUE the new label.",
                    "Release code that accepts both labels and writes the new one.",
                    "UPDATE the rows from the old label to the new one in batches.",
                    "Contract: stop writing the old label (enum labels cannot be dropped: keep it unused).")
                    : w.startsWith("ALTER", "SCHEMA")
                    ? Rewrite.checklist("Expand: create the new schema and move the objects (or put both schemas on search_path).",
                    "Release code that names the new schema.",
                    "Contract: drop the old schema in a later release, once nothing names it.")
                    : !(w.startsWith("RENAME", "TABLE") || w.at(w.indexOf(0, "RENAME") + 1).equals("TO"))
                    ? Rewrite.checklist("Expand: add the column under its new name (nullable), and write both columns"
                    + " (application or trigger).", "Backfill the new column from the old one in batches.",
                    "Release code that reads the new column.",
                    "Contract: stop writing the old column, then drop it in a later release.")
                    : Rewrite.checklist("Expand: rename the table and create a view under the old name (simple views"
                    + " are updatable), or create the new table and write both.", "Release code that uses the new name.",
                    "Contract: drop the view (or the old table) in a later release, once nothing uses the old name.")),
            null, "application queries that failed after the rename")
            // an enum value or a schema is no table: the running version's queries name it whatever the rows
            .withMeasured((self, e) -> !renamesTypeValueOrSchema(e.words()) && !e.tableRows().containsKey(e.words().table()) ? null
                    : e.finding(self, Status.FLAG, e.what() + " renames in place; the application version still running uses the old name",
                    self.rewrite().apply(e.words())));

    public static final Rule FK_ON_DELETE_CASCADE = Rule.of("fk-on-delete-cascade", Category.FOREIGN_KEYS, Status.FLAG, ALL_ENGINES,
            "ON DELETE CASCADE turns one delete into many",
            "Delete children explicitly, in batches; use RESTRICT or NO ACTION",
            "A cascading foreign key makes one DELETE remove (and lock) every dependent row in one"
                    + " transaction, unbounded, often across several tables.",
            w -> (w.startsWith("ALTER", "TABLE") || w.startsWith("CREATE", "TABLE")) && w.has("REFERENCES")
                    && w.has("ON", "DELETE", "CASCADE"), false,
            w -> "Use ON DELETE RESTRICT (or NO ACTION) and delete dependent rows explicitly in batches.",
            null, "rows and locks a cascading delete takes when the workload deletes")
            .withLint(LintCheck.MATCHING_NEW_TABLES_TOO);

    public static final Rule MISSING_LOCK_TIMEOUT = Rule.of("missing-lock-timeout", Category.LOCK_CONTENTION, Status.FLAG, ALL_ENGINES,
            "a dangerous lock is requested without lock_timeout",
            "SET lock_timeout (PostgreSQL) / lock_wait_timeout (MySQL) before the statement",
            "A DDL lock request queues behind any long-running query on the table, and every later query"
                    + " queues behind the request: the table is down for as long as the oldest transaction"
                    + " runs. A short lock_timeout makes the migration fail fast and retry instead.",
            CONTEXTUAL, false,
            new LockTimeoutRewrite(),
            null, "how long application queries queued behind the migration's lock request")
            .withLint(CommonRules::missingLockTimeout).oncePerFile()
            .withMeasured(CommonRules::queueBehindLongTransaction);

    public static final Rule UNBATCHED_BACKFILL = Rule.of("unbatched-backfill", Category.CONCURRENT_WRITE_HAZARDS, Status.FLAG, ALL_ENGINES,
            "one UPDATE/DELETE changes many rows in one transaction",
            "Backfill in batches of ~10,000 rows per transaction",
            "An UPDATE or DELETE of a whole table locks every row it touches until commit, bloats the table"
                    + " and writes WAL that replicas replay serially.",
            w -> w.startsWith("UPDATE") || w.startsWith("DELETE"), false,
            w -> "Backfill in batches by key range (e.g. 10,000 rows per transaction) with a pause between"
                    + " batches, outside the schema migration's transaction; make it idempotent (WHERE col IS NULL).",
            null, "rows changed in one transaction, how long their row locks were held, WAL written")
            .withLint(LintCheck.matchingWhen((r, c) -> unbounded(c.words())))
            // measured for every statement, whatever names it: an INSERT ... SELECT holds its row locks too
            .withMeasured(CommonRules::manyRowsInOneTransaction);

    public static final Rule BACKFILL_NOT_IDEMPOTENT = Rule.of("backfill-not-idempotent", Category.CONCURRENT_WRITE_HAZARDS, Status.FLAG, ALL_ENGINES,
            "the backfill changes rows again when it is re-run",
            "Write absolute values and skip rows already done (WHERE col IS NULL)",
            "A backfill that computes a column from itself (x = x + 1, s = s || '...') double-applies when a"
                    + " failed deploy is retried, or when batches overlap.",
            CONTEXTUAL, false,
            w -> "UPDATE ... SET col = <value computed from other columns> WHERE col IS NULL AND id BETWEEN ...;",
            null, "nothing: re-runs are a deploy-process property")
            .withLint(CommonRules::selfReferencingBackfill);

    public static final Rule BACKFILL_NO_THROTTLE = Rule.of("backfill-no-throttle", Category.REPLICATION_LAG, Status.FLAG, ALL_ENGINES,
            "a batched backfill loop never pauses",
            "Sleep between batches (pg_sleep / SLEEP) so replicas and autovacuum keep up",
            "A loop that commits batch after batch without pausing writes WAL as fast as it can; replicas"
                    + " fall behind and autovacuum cannot keep up.",
            CONTEXTUAL, false,
            w -> "-- inside the loop, after each batch's COMMIT:\nPERFORM pg_sleep(0.1);",
            null, "WAL volume written; replica lag once replica rehearsals land")
            .withLint((r, c) -> batchLoop(c) && !c.statement().sql().toUpperCase(Locale.ROOT).contains("PG_SLEEP")
                    && !c.statement().sql().toUpperCase(Locale.ROOT).contains("SLEEP(") ? "loops over batches without sleeping between them" : null);

    public static final Rule BACKFILL_NO_PROGRESS = Rule.of("backfill-no-progress", Category.MISSING_ROLLBACK, Status.FLAG, ALL_ENGINES,
            "a batched backfill loop records no progress",
            "Record the last key done (a progress table or RAISE NOTICE) so a restart resumes",
            "Without a progress record, a backfill stopped half-way restarts from the beginning and nobody can"
                    + " tell how far it got.",
            CONTEXTUAL, false,
            w -> "-- after each batch:\nINSERT INTO backfill_progress (job, last_id) VALUES ('job', last_id)\n"
                    + "  ON CONFLICT (job) DO UPDATE SET last_id = EXCLUDED.last_id;",
            null, "nothing beyond the statement's own facts")
            .withLint((r, c) -> {
                String upper = c.statement().sql().toUpperCase(Locale.ROOT);
                return batchLoop(c) && !upper.contains("RAISE") && !upper.contains("INSERT INTO") && !upper.contains("PROGRESS")
                        ? "loops over batches without recording how far it got" : null;
            });

    public static final Rule NO_ROLLBACK_NON_TRANSACTIONAL = Rule.of("no-rollback-non-transactional", Category.MISSING_ROLLBACK, Status.FLAG, ALL_ENGINES,
            "a migration of several non-transactional statements has no rollback script",
            "Give each non-transactional statement its own migration, or add a .down.sql",
            "Statements that run outside a transaction (CONCURRENTLY; every DDL on MySQL) commit one by one;"
                    + " a failure part-way leaves the database half-migrated, and without a rollback script"
                    + " someone repairs it by hand.",
            CONTEXTUAL, false,
            w -> "Split the file so each non-transactional statement is its own migration, or add X.down.sql.",
            null, "statements that committed before a failure (partial-migration)")
            .withLint(null); // a property of the whole file: the linter checks it per file

    /**
     * In the order the engines list them; missing-lock-timeout last, as lint reports it after the statement's other
     * findings (a rule that matches no statement's words can stand anywhere without changing what run names).
     */
    public static final List<Rule> ALL = List.of(DROP_TABLE, DROP_DATABASE, DROP_COLUMN, TRUNCATE, RENAME, FK_ON_DELETE_CASCADE, UNBATCHED_BACKFILL, BACKFILL_NOT_IDEMPOTENT, BACKFILL_NO_THROTTLE, BACKFILL_NO_PROGRESS, NO_ROLLBACK_NON_TRANSACTIONAL, MISSING_LOCK_TIMEOUT);

    /** DROP COLUMN has no mechanical rewrite: the expand/contract plan, release by release. */
    static Rewrite dropColumnPlan(Words w) {
        int drop = w.indexOf(0, "DROP");
        int i = drop + 1;
        while (List.of("COLUMN", "IF", "EXISTS").contains(w.at(i))) i++;
        String c = w.at(i).toLowerCase(Locale.ROOT), t = w.table();
        return Rewrite.checklist("Release code that no longer reads or writes " + t + "." + c
                        + " (ORMs: ignore the column, e.g. Rails' ignored_columns).",
                "Wait until no instance of the previous release runs.",
                "Keep the values: a backup, or CREATE TABLE " + t.replace('.', '_') + "_" + c + "_archive AS SELECT the key and "
                        + c + " FROM " + t + ".",
                "Contract: drop the column in a later release, with SET lock_timeout.");
    }

    /** A populated table (or its column) dropped or truncated: the rows it held are gone. */
    public static Report.Finding dataLost(Rule self, Evidence e) {
        String table = e.words().table();
        long rows = e.tableRows().getOrDefault(table, 0L);
        return rows == 0 ? null : e.finding(self, Status.FLAG, e.what() + " " + self.title().toLowerCase(Locale.ROOT)
                + ": " + table + " held ~" + String.format(Locale.ROOT, "%,d", rows) + " rows", self.rewrite().apply(e.words()));
    }

    static Report.Finding manyRowsInOneTransaction(Rule self, Evidence e) {
        var s = e.statement();
        if (s.rowsAffected() == null || s.rowsAffected() < e.thresholds().backfillRowsFlag()) return null;
        return e.finding(self, Status.FLAG, e.what() + " changed " + String.format(Locale.ROOT, "%,d", s.rowsAffected())
                + " rows in one transaction, holding their row locks for "
                + Math.max(0, Math.round((s.transactionEndNanos() - s.startNanos()) / 1e6)) + " ms",
                e.measuredBatchAdvice() != null ? e.measuredBatchAdvice() : self.rewrite().apply(e.words()));
    }

    /**
     * A session setting that bounds lock waits covers the rest of the set; one set LOCAL covers the rest of its
     * transaction. Zero or DEFAULT, RESET, a GLOBAL setting (other sessions') and a custom setting whose name merely
     * ends in lock_timeout bound nothing.
     */
    static String missingLockTimeout(Rule self, LintContext c) {
        Words w = c.words();
        if (w.startsWith("SET") || w.startsWith("RESET")) {
            timeoutSetting(c, w);
            return null;
        }
        if (c.lockTimeoutByTool() || c.setNotes().containsKey(LOCK_TIMEOUT_SET)
                || c.transactionNotes().containsKey(LOCK_TIMEOUT_SET) || c.newTable()
                || !c.dialect().requestsBlockingLock(w, c.statement().kind())) return null;
        String what = c.table().equals("?") ? "the table of " + w.nameAfter("INDEX") : c.table(); // DROP INDEX names none
        return "it locks " + what + " (blocking " + c.dialect().blockingLockWording()
                + ") and nothing earlier in the set bounds the wait";
    }

    /**
     * Measured in {@code run} under {@code load.long_transaction}: the statement's lock request queued behind the long
     * reader with nothing bounding its wait, and the application queued behind the request. Null when no reader was
     * held before it, or when a lock_timeout (the deploy's, or a SET earlier in its file) bounded the wait.
     */
    /**
     * {@code SET lock_timeout} short enough that a try which has to wait harms the workload less than the thresholds
     * flag: half the smaller of query_wait_flag (200 ms) and p99_min_increase (50 ms), 25 ms at the defaults. A
     * migration retrying behind a long transaction queues the table's queries for up to the timeout on every try, and
     * every few seconds is more than 1 % of them: measured behind a 6 s reader with tries a second apart, 100 ms left
     * no query waiting past 102 ms but raised the p99 by more than 50 ms (latency-regression), and the earlier 5 s left
     * 5 s of queue (BLOCK). The timeout only bounds the wait: the deploy must retry with backoff until the lock is
     * free, which {@code migrations.lock_retries} rehearses.
     */
    static final class LockTimeoutRewrite implements Rewrite.Mechanical, Rule.MeasuredRewrite {
        @Override
        public Rewrite plan(Words w) {
            return plan(w, dev.rehearse.scenario.Scenario.Thresholds.DEFAULT);
        }

        @Override
        public Rewrite plan(Words w, dev.rehearse.scenario.Scenario.Thresholds t) {
            return Rewrite.of(new Rewrite.Step(null, null, false, List.of(
                    Rewrite.Statement.of("SET lock_timeout = '" + duration(lockTimeoutMs(t)) + "'")
                            .trailing("a try that waits must not lift the p99; retry with backoff when it gives up"),
                    Rewrite.Statement.of("SET statement_timeout = '15min'"),
                    Rewrite.Statement.of(w.sql().strip().replaceFirst(";\\s*$", ""))), List.of()));
        }

        @Override
        public String otherwise(Words w) {
            return "";
        }

        @Override
        public String apply(Words w, Evidence e) {
            return plan(w, e.thresholds()).text();
        }

        /** PostgreSQL's own unit: whole seconds as {@code 5s}, anything else in {@code ms}. */
        private static String duration(long ms) {
            return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
        }
    }

    /** The lock_timeout missing-lock-timeout's rewrite sets under these thresholds, in ms (each engine rounds it). */
    public static long lockTimeoutMs(dev.rehearse.scenario.Scenario.Thresholds t) {
        return lockTimeoutMs(t.queryWaitFlagMs(), t.p99MinIncreaseMs());
    }

    /** The same from the two thresholds it rests on (a report's, rendered later). */
    public static long lockTimeoutMs(long queryWaitFlagMs, long p99MinIncreaseMs) {
        return Math.max(1, Math.min(queryWaitFlagMs, p99MinIncreaseMs) / 2);
    }

    /** A lock timeout in the whole seconds MySQL's lock_wait_timeout counts: rounded up, at least 1 (0 is NOWAIT). */
    public static long wholeSeconds(long ms) {
        return Math.max(1, (ms + 999) / 1000);
    }

    static Report.Finding queueBehindLongTransaction(Rule self, Evidence e) {
        var s = e.statement();
        if (s.queuedBehind() == null || e.scenario().migrations().lockTimeoutMs() != null
                || s.errorClass() == dev.rehearse.migrate.ErrorClass.LOCK_TIMEOUT || setsWaitBoundBefore(s)) return null;
        Report.StatementReport r = e.report();
        long waited = r.lockWaitMs() != null ? r.lockWaitMs() : r.durationMs();
        StringBuilder b = new StringBuilder(e.what()).append(" waited ")
                .append(String.format(Locale.ROOT, "%,d ms", waited)).append(" for its lock behind ").append(s.queuedBehind());
        Report.Impact i = r.impact();
        if (i != null && i.blockedQueries() != null) {
            b.append(", and ").append(Evidence.plural(i.blockedQueries(), "application query", "application queries"))
                    .append(" queued behind it").append(i.blockedQueries() > 0
                            ? String.format(Locale.ROOT, ", the longest %,d ms", i.maxBlockedMs()) : "");
        }
        b.append("; no lock_timeout bounded the wait, so the table was unavailable for as long as the other transaction ran");
        return e.finding(self, Status.FLAG.max(e.waitStatus()), b.toString(), e.rewrite(self));
    }

    private static final java.util.regex.Pattern SET_WAIT_BOUND = java.util.regex.Pattern.compile(
            "(?is)\\s*SET\\s+(SESSION\\s+|LOCAL\\s+)?(lock_timeout|statement_timeout|lock_wait_timeout)\\b.*");

    /** A SET of a wait bound earlier in the statement's file (the runner's session keeps it). */
    private static boolean setsWaitBoundBefore(dev.rehearse.migrate.ExecutedStatement s) {
        for (var x : s.migration().statements()) {
            if (x == s.statement()) return false;
            if (SET_WAIT_BOUND.matcher(x.sql()).matches() && !x.sql().matches("(?is).*=\\s*'?0'?\\s*")) return true;
        }
        return false;
    }

    /** Settings that bound how long a statement waits for a lock (statement_timeout counts the wait too). */
    private static final Set<String> WAIT_BOUNDS = Set.of("LOCK_TIMEOUT", "STATEMENT_TIMEOUT", "LOCK_WAIT_TIMEOUT");

    private static void timeoutSetting(LintContext c, Words w) {
        if (w.startsWith("RESET")) {
            if (WAIT_BOUNDS.contains(w.at(1)) || w.at(1).equals("ALL")) {
                c.setNotes().remove(LOCK_TIMEOUT_SET);
                c.transactionNotes().remove(LOCK_TIMEOUT_SET);
            }
            return;
        }
        int i = 1;
        boolean local = false, global = false;
        while (List.of("SESSION", "LOCAL", "GLOBAL", "PERSIST").contains(w.at(i))) {
            local |= w.at(i).equals("LOCAL");
            global |= w.at(i).equals("GLOBAL") || w.at(i).equals("PERSIST");
            i++;
        }
        if (w.at(i).startsWith("@@") && w.at(i + 1).equals(".")) { // MySQL @@session.x, @@global.x
            global |= w.at(i).equals("@@GLOBAL") || w.at(i).equals("@@PERSIST");
            i += 2;
        }
        String name = w.at(i);
        String op = w.at(i + 1);
        // a qualified name (app.lock_timeout) is a custom setting, not the server's
        if (!WAIT_BOUNDS.contains(name) || !(op.equals("=") || op.equals("TO")) || global) return;
        String value = w.at(i + 2).replace("'", "").toUpperCase(Locale.ROOT);
        boolean bounds = !(value.equals("DEFAULT") || value.matches("0+(\\.0*)?(MS|S|MIN|H|D)?"));
        var notes = local ? c.transactionNotes() : c.setNotes();
        if (!local && !bounds) c.transactionNotes().remove(LOCK_TIMEOUT_SET);
        if (bounds && (!local || c.inTransaction())) notes.put(LOCK_TIMEOUT_SET, "yes"); // SET LOCAL outside one: no effect
        else if (!bounds) notes.remove(LOCK_TIMEOUT_SET);
    }

    private static final String LOCK_TIMEOUT_SET = "lock-timeout-set";

    /**
     * PostgreSQL's ALTER TYPE ... RENAME VALUE (an enum label the running version writes and compares with) and
     * ALTER SCHEMA ... RENAME TO (every qualified name and search_path entry of the running version).
     */
    static boolean renamesTypeValueOrSchema(Words w) {
        return w.startsWith("ALTER", "TYPE") && w.has("RENAME", "VALUE")
                || w.startsWith("ALTER", "SCHEMA") && w.has("RENAME", "TO");
    }

    private static boolean renamesOnlyAConstraint(Words w) {
        for (int i = w.indexOf(0, "RENAME"); i >= 0; i = w.indexOf(i + 1, "RENAME")) {
            if (!w.at(i + 1).equals("CONSTRAINT")) return false;
        }
        return true;
    }

    /**
     * No WHERE, or a WHERE that does not bound the rows by a key range, a LIMIT or a key value: {@code id >= 1 AND
     * id < 10000}, {@code LIMIT}, {@code id = $1}, {@code id IN (1, 2)} bound them; {@code status = 'active'} or
     * {@code x IS NULL} pick rows but not a batch of them.
     */
    static boolean unbounded(Words w) {
        int where = topLevel(w, "WHERE"); // not a WHERE of a subquery in SET
        if (where < 0) return true;
        for (int i = where + 1; i < w.words().size(); i++) {
            String x = w.at(i);
            if (List.of("LIMIT", "BETWEEN", "<", ">", "<=", ">=").contains(x)) return false;
            if (x.equals("=") && keyValue(w.at(i + 1))) return false;
            if (x.equals("IN") && w.at(i + 1).equals("(") && keyValue(w.at(i + 2))) return false;
        }
        return true;
    }

    /** The first {@code word} outside parentheses, or -1. */
    private static int topLevel(Words w, String word) {
        int depth = 0;
        for (int i = 0; i < w.words().size(); i++) {
            String x = w.at(i);
            if (x.equals("(")) depth++;
            else if (x.equals(")")) depth--;
            else if (depth == 0 && x.equals(word)) return i;
        }
        return -1;
    }

    /** A number or a bind parameter: what a batch's key is compared with, unlike a string or a column. */
    private static boolean keyValue(String token) {
        return token.matches("-?\\d+") || token.matches("\\$\\d+") || token.equals("?") || token.startsWith(":");
    }

    /** {@code SET x = x + ...} with no marker column tested in the WHERE: a re-run applies it twice. */
    static String selfReferencingBackfill(Rule self, LintContext c) {
        Words w = c.words();
        if (!w.startsWith("UPDATE") || c.newTable()) return null;
        int set = w.indexOf(0, "SET");
        int end = w.indexOf(0, "WHERE");
        if (end < 0) end = w.words().size();
        // a column assigned here and tested in the WHERE is a marker: re-runs skip rows already done
        Set<String> assigned = new java.util.HashSet<>();
        for (int i = set + 1; set > 0 && i + 1 < end; i++) if (w.at(i + 1).equals("=")) assigned.add(w.at(i));
        boolean guarded = false;
        for (int i = end + 1; i < w.words().size(); i++) guarded |= assigned.contains(w.at(i));
        for (int i = set + 1; set > 0 && !guarded && i + 3 < end; i++) {
            if (w.at(i + 1).equals("=") && w.at(i + 2).equals(w.at(i))
                    && Set.of("+", "-", "*", "/", "|").contains(w.at(i + 3))) {
                return "sets " + w.at(i).toLowerCase(Locale.ROOT) + " from its own value: a retry or an overlapping batch"
                        + " applies it twice";
            }
        }
        return null;
    }

    /** A DO block or routine that loops over UPDATE/DELETE batches. */
    static boolean batchLoop(LintContext c) {
        Words w = c.words();
        String upper = c.statement().sql().toUpperCase(Locale.ROOT);
        return (w.startsWith("DO") || w.startsWith("CREATE") && w.hasAny("PROCEDURE", "FUNCTION"))
                && (upper.contains("LOOP") || upper.contains("WHILE"))
                && (upper.contains("UPDATE ") || upper.contains("DELETE "));
    }
}
