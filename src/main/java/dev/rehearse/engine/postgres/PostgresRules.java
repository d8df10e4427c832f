package dev.rehearse.engine.postgres;

import dev.rehearse.dialect.CommonRules;
import dev.rehearse.dialect.LintCheck;
import dev.rehearse.dialect.LintContext;
import dev.rehearse.dialect.LockMode.Blocks;
import dev.rehearse.dialect.Rewrite;
import dev.rehearse.dialect.Rule;
import dev.rehearse.dialect.Rule.Claim;
import dev.rehearse.dialect.Rule.Words;
import dev.rehearse.migrate.ErrorClass;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.model.Category;
import dev.rehearse.model.Status;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.EngineSpec.Kind;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * PostgreSQL's rule catalog, in match order: {@code run} names a statement by the first rule whose words match it,
 * so specific forms come before general ones. Rules whose condition needs the migration set's state match no
 * single statement's words; the linter evaluates them. Each rule's examples live in
 * {@code docs/patterns/<rule-id>/postgres-<version>/}.
 */
public final class PostgresRules {

    private PostgresRules() {}

    private static final Set<Kind> PG = EnumSet.of(Kind.POSTGRES);
    private static final Predicate<Words> CONTEXTUAL = w -> false;

    /** Words that end a column's DEFAULT expression when outside parentheses. */
    private static final Set<String> DEFAULT_ENDS = Set.of("NOT", "NULL", "CONSTRAINT", "CHECK", "REFERENCES", "UNIQUE",
            "PRIMARY", ",");

    private static final String MEASURES_LOCK = "the lock its transaction takes on the table (pg_locks), whether the"
            + " table's storage was rewritten (relfilenode) or read in full (seq_scan), how long the lock was held,"
            + " which application queries queued behind it, and the runtime at production_rows";

    public static final List<Rule> ALL = List.of(
            Rule.of("concurrently-in-transaction", Category.INDEX_DEPENDENCIES, Status.BLOCK, PG,
                    "CONCURRENTLY inside a transaction block",
                    "Run the CONCURRENTLY statement in its own migration, outside a transaction",
                    "CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY and a few others refuse to run inside a"
                            + " transaction block (SQLSTATE 25001). A migration that wraps them in BEGIN ... COMMIT,"
                            + " or a tool that wraps every file in a transaction, fails at deploy time.",
                    CONTEXTUAL, false,
                    Rewrite.mechanical(PostgresRewrites::ownMigration),
                    (e, w) -> new Claim("none", Blocks.NONE, false, false, true),
                    "that the statement fails with SQLSTATE 25001 when the migration runs in a transaction block")
                    .withLint(PostgresRules::concurrentlyInTransaction)
                    .withOnFailure((self, e) -> e.statement().errorClass() != ErrorClass.NOT_IN_TRANSACTION ? null
                            : e.finding(self, Status.BLOCK, e.failedHead() + " (the migration ran inside a transaction block)",
                            self.rewrite().apply(e.words()))),
            Rule.of("set-not-null", Category.CONSTRAINT_VALIDATION, Status.FLAG, PG,
                    "SET NOT NULL scans the table under ACCESS EXCLUSIVE",
                    "Add CHECK (col IS NOT NULL) NOT VALID, VALIDATE it, then SET NOT NULL",
                    "SET NOT NULL reads every row to prove there is no NULL while it holds ACCESS EXCLUSIVE, which"
                            + " blocks reads and writes for the whole scan. From PostgreSQL 12 a valid"
                            + " CHECK (col IS NOT NULL) lets it skip the scan; the CHECK can be validated under"
                            + " SHARE UPDATE EXCLUSIVE, which blocks neither.",
                    w -> w.startsWith("ALTER", "TABLE") && w.has("SET", "NOT", "NULL"), true,
                    Rewrite.mechanical(PostgresRewrites::setNotNull,
                            w -> "Add CHECK (col IS NOT NULL) NOT VALID, VALIDATE it in the next migration, then SET NOT NULL"),
                    (e, w) -> claim("AccessExclusiveLock", false, true), MEASURES_LOCK)
                    .alsoIn(Category.LOCK_CONTENTION)
                    .withLint(PostgresRules::setNotNull),
            Rule.of("add-column-not-null-no-default", Category.CONSTRAINT_VALIDATION, Status.BLOCK, PG,
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
                    (e, w) -> new Claim("AccessExclusiveLock", Blocks.READS_WRITES, false, false, true),
                    "that the statement fails on the seeded rows (SQLSTATE 23502)"),
            Rule.of("alter-column-type", Category.LOCK_CONTENTION, Status.FLAG, PG,
                    "ALTER COLUMN TYPE rewrites the table and its indexes",
                    "Add a new column, backfill in batches, swap in a short transaction",
                    "Changing a column's type rewrites the whole table and rebuilds its indexes under ACCESS"
                            + " EXCLUSIVE, unless the change is binary-coercible with no USING clause and needs no check"
                            + " of existing values: varchar(n) to a longer varchar or to text, text to varchar,"
                            + " dropping a length limit, numeric precision up at the same scale, timestamp, time or"
                            + " interval precision up, cidr to inet, and from PostgreSQL 12 timestamp to timestamptz"
                            + " (or back) when the session time zone is UTC. Lint knows the old type from earlier"
                            + " files; when it does not, it says so rather than guess.",
                    w -> w.startsWith("ALTER", "TABLE") && typeChangeAt(w) > 0, true,
                    w -> "Add a new column of the new type, backfill it in batches (e.g. 10,000 rows per transaction),"
                            + " keep it in sync with a trigger, then swap names in one short transaction with"
                            + " SET lock_timeout. Widening varchar(n) or varchar to text needs no rewrite.",
                    (e, w) -> binaryCoercible(w) ? null : claim("AccessExclusiveLock", true, false), MEASURES_LOCK)
                    .withLint(PostgresRules::typeChange),
            Rule.of("add-column-rewrite", Category.LOCK_CONTENTION, Status.FLAG, PG,
                    "ADD COLUMN with a default that forces a table rewrite",
                    "Add the column without the rewriting default, backfill in batches",
                    "Adding a column with a volatile default (random(), clock_timestamp(), gen_random_uuid(), a"
                            + " sequence), a stored generated column, an identity or serial column rewrites every row"
                            + " under ACCESS EXCLUSIVE. Before PostgreSQL 11 any non-NULL default did.",
                    w -> w.startsWith("ALTER", "TABLE") && w.has("ADD") && (w.has("DEFAULT") || w.has("GENERATED")
                            || w.has("SERIAL") || w.has("BIGSERIAL") || w.has("SMALLSERIAL")), true,
                    Rewrite.mechanical(PostgresRewrites::addColumn,
                            w -> "ALTER TABLE " + w.table() + " ADD COLUMN ... without the default (or with a constant default"
                            + " on PostgreSQL 11+, which needs no rewrite);\n"
                            + "-- backfill in batches of ~10,000 rows, each in its own transaction\n"
                            + "ALTER TABLE " + w.table() + " ALTER COLUMN ... SET DEFAULT ...;"),
                    (e, w) -> addColumnRewrites(e, w) ? claim("AccessExclusiveLock", true, false) : null, MEASURES_LOCK),
            Rule.of("add-foreign-key-validated", Category.FOREIGN_KEYS, Status.FLAG, PG,
                    "ADD FOREIGN KEY validates every row under SHARE ROW EXCLUSIVE on both tables",
                    "Add the foreign key NOT VALID, then VALIDATE CONSTRAINT separately",
                    "ADD FOREIGN KEY checks every existing row against the referenced table while holding SHARE ROW"
                            + " EXCLUSIVE on both, which blocks their writes for the whole check. NOT VALID skips the"
                            + " check; VALIDATE CONSTRAINT later takes only SHARE UPDATE EXCLUSIVE.",
                    w -> w.startsWith("ALTER", "TABLE") && (w.has("FOREIGN", "KEY") || w.has("REFERENCES"))
                            && !w.has("NOT", "VALID"), true,
                    Rewrite.mechanical(PostgresRewrites::foreignKey,
                            w -> "Add the column first; then ALTER TABLE " + w.table() + " ADD CONSTRAINT ... FOREIGN KEY (...)"
                            + " REFERENCES ... NOT VALID, and VALIDATE CONSTRAINT in the next migration."),
                    (e, w) -> claim("ShareRowExclusiveLock", false, true), MEASURES_LOCK)
                    .alsoIn(Category.LOCK_CONTENTION),
            Rule.of("add-check-validated", Category.CONSTRAINT_VALIDATION, Status.FLAG, PG,
                    "ADD CHECK validates every row under ACCESS EXCLUSIVE",
                    "Add the CHECK NOT VALID, then VALIDATE CONSTRAINT separately",
                    "ADD CONSTRAINT ... CHECK reads every row under ACCESS EXCLUSIVE. NOT VALID skips the check for"
                            + " existing rows (new rows are checked at once); VALIDATE CONSTRAINT later takes SHARE"
                            + " UPDATE EXCLUSIVE, which blocks neither reads nor writes.",
                    w -> w.startsWith("ALTER", "TABLE") && w.has("CHECK") && !w.has("NOT", "VALID"), true,
                    Rewrite.mechanical(PostgresRewrites::check,
                            w -> "Add the column first; then ALTER TABLE " + w.table() + " ADD CONSTRAINT ... CHECK (...)"
                            + " NOT VALID, and VALIDATE CONSTRAINT in the next migration."),
                    (e, w) -> claim("AccessExclusiveLock", false, true), MEASURES_LOCK)
                    .alsoIn(Category.LOCK_CONTENTION),
            Rule.of("add-exclusion-constraint", Category.CONSTRAINT_VALIDATION, Status.FLAG, PG,
                    "ADD EXCLUDE builds its index under ACCESS EXCLUSIVE",
                    "Add exclusion constraints while the table is small, or in a maintenance window",
                    "An exclusion constraint builds a GiST (or other) index and checks every row while holding ACCESS"
                            + " EXCLUSIVE. Unlike UNIQUE there is no USING INDEX form, so there is no online path.",
                    w -> w.startsWith("ALTER", "TABLE") && w.has("EXCLUDE"), true,
                    w -> "There is no online form: add the exclusion constraint when the table is created or small, or"
                            + " in a maintenance window with SET lock_timeout; enforce the rule in the application"
                            + " meanwhile.",
                    (e, w) -> claim("AccessExclusiveLock", false, true), MEASURES_LOCK)
                    .alsoIn(Category.LOCK_CONTENTION),
            Rule.of("add-unique-without-index", Category.CONSTRAINT_VALIDATION, Status.FLAG, PG,
                    "ADD UNIQUE / PRIMARY KEY builds its index under ACCESS EXCLUSIVE",
                    "CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... USING INDEX",
                    "ADD UNIQUE or ADD PRIMARY KEY builds the unique index while holding ACCESS EXCLUSIVE. Building"
                            + " the index CONCURRENTLY first and attaching it with USING INDEX holds the lock only for"
                            + " a catalog update.",
                    w -> w.startsWith("ALTER", "TABLE") && (w.has("UNIQUE") || w.has("PRIMARY", "KEY"))
                            && !w.has("USING", "INDEX"), true,
                    Rewrite.mechanical(PostgresRewrites::unique,
                            w -> "CREATE UNIQUE INDEX CONCURRENTLY " + constraintAfter(w) + "_idx ON " + w.table() + " (...);\n"
                            + "ALTER TABLE " + w.table() + " ADD CONSTRAINT " + constraintAfter(w)
                            + " UNIQUE USING INDEX " + constraintAfter(w) + "_idx;"),
                    (e, w) -> claim("AccessExclusiveLock", false, true), MEASURES_LOCK)
                    .alsoIn(Category.LOCK_CONTENTION),
            Rule.of("create-index-non-concurrent", Category.LOCK_CONTENTION, Status.FLAG, PG,
                    "CREATE INDEX blocks writes for the whole build",
                    "Use CREATE INDEX CONCURRENTLY outside a transaction",
                    "CREATE INDEX holds SHARE on the table for the whole build: reads go on, every INSERT, UPDATE"
                            + " and DELETE waits. CONCURRENTLY builds under SHARE UPDATE EXCLUSIVE in two passes.",
                    w -> (w.startsWith("CREATE", "INDEX") || w.startsWith("CREATE", "UNIQUE", "INDEX"))
                            && !w.has("CONCURRENTLY"), true,
                    Rewrite.mechanical(PostgresRewrites::createIndex),
                    (e, w) -> claim("ShareLock", false, true), MEASURES_LOCK),
            Rule.of("drop-index-non-concurrent", Category.INDEX_DEPENDENCIES, Status.FLAG, PG,
                    "DROP INDEX takes ACCESS EXCLUSIVE on the table",
                    "Use DROP INDEX CONCURRENTLY outside a transaction",
                    "DROP INDEX takes ACCESS EXCLUSIVE on the index's table. It is quick, but it queues behind any"
                            + " long query on the table and everything queues behind it.",
                    w -> w.startsWith("DROP", "INDEX") && !w.has("CONCURRENTLY"), false,
                    Rewrite.mechanical(PostgresRewrites::dropIndex, w -> "Drop one index per statement, without CASCADE,"
                            + " with DROP INDEX CONCURRENTLY in a migration of its own, outside a transaction block."),
                    null, "the lock on the table and the queries that queued behind it"),
            Rule.of("reindex-non-concurrent", Category.LOCK_CONTENTION, Status.FLAG, PG,
                    "REINDEX blocks writes while it rebuilds",
                    "Use REINDEX CONCURRENTLY (PostgreSQL 12+)",
                    "REINDEX holds SHARE on the table (writes wait) and ACCESS EXCLUSIVE on each index (queries that"
                            + " would use it wait) for the whole rebuild. PostgreSQL 12 added REINDEX CONCURRENTLY.",
                    // REINDEX SYSTEM has no CONCURRENTLY form (system catalogs)
                    w -> w.startsWith("REINDEX") && !w.has("CONCURRENTLY") && !w.at(1).equals("SYSTEM"), true,
                    w -> w.sql().replaceFirst("(?i)^(\\s*REINDEX\\s+\\w+)\\s+", "$1 CONCURRENTLY ")
                            + ";\n-- PostgreSQL 12+, outside a transaction block",
                    (e, w) -> claim("ShareLock", false, true), MEASURES_LOCK),
            Rule.of("vacuum-full-or-cluster", Category.LOCK_CONTENTION, Status.FLAG, PG,
                    "VACUUM FULL / CLUSTER rewrite under ACCESS EXCLUSIVE",
                    "Use pg_repack instead",
                    "VACUUM FULL and CLUSTER copy the whole table into new storage while holding ACCESS EXCLUSIVE.",
                    w -> (w.startsWith("VACUUM") && vacuumFull(w)) || w.startsWith("CLUSTER"), true,
                    w -> "Use pg_repack (or pg_squeeze), which rebuilds online and takes ACCESS EXCLUSIVE only briefly.",
                    (e, w) -> claim("AccessExclusiveLock", true, false), MEASURES_LOCK),
            Rule.of("table-rewrite-setting", Category.LOCK_CONTENTION, Status.FLAG, PG,
                    "SET LOGGED / UNLOGGED / TABLESPACE / ACCESS METHOD rewrites the table under ACCESS EXCLUSIVE",
                    "Build a new table with the setting and copy in batches, or use pg_repack",
                    "ALTER TABLE ... SET LOGGED and SET UNLOGGED rewrite the table (and its indexes) into new storage,"
                            + " SET TABLESPACE copies its files to the new tablespace, and SET ACCESS METHOD"
                            + " (PostgreSQL 15+) rewrites every row into the new access method; each holds ACCESS"
                            + " EXCLUSIVE, which blocks reads and writes, for the whole copy. The new storage is"
                            + " written even when the table is empty. There is no online form.",
                    w -> w.startsWith("ALTER", "TABLE") && (w.has("SET", "LOGGED") || w.has("SET", "UNLOGGED")
                            || w.has("SET", "TABLESPACE") || w.has("SET", "ACCESS", "METHOD")), true,
                    w -> "There is no online form. For a large table: create the new table with the setting (CREATE"
                            + " [UNLOGGED] TABLE ... TABLESPACE ... USING ...), copy rows in batches of ~10,000 while a"
                            + " trigger keeps it in sync, then swap names in one short transaction with SET lock_timeout;"
                            + " pg_repack --tablespace moves a table online. Otherwise run it in a maintenance window.",
                    (e, w) -> !e.serverVersion().atLeast(15) && w.has("SET", "ACCESS", "METHOD") && !w.has("SET", "LOGGED")
                            && !w.has("SET", "UNLOGGED") && !w.has("SET", "TABLESPACE")
                            ? null // no such statement before PostgreSQL 15: the server refuses its syntax
                            : claim("AccessExclusiveLock", true, false), MEASURES_LOCK),
            Rule.of("detach-partition-non-concurrent", Category.LOCK_CONTENTION, Status.FLAG, PG,
                    "DETACH PARTITION takes ACCESS EXCLUSIVE on the partitioned table",
                    "Use DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14+) outside a transaction",
                    "ALTER TABLE ... DETACH PARTITION holds ACCESS EXCLUSIVE on the parent and on the partition: every"
                            + " query on any partition of the table waits, and it queues behind any long query on the"
                            + " table. PostgreSQL 14 added DETACH PARTITION ... CONCURRENTLY, which takes SHARE UPDATE"
                            + " EXCLUSIVE in two transactions; before 14 there is no online form.",
                    w -> w.startsWith("ALTER", "TABLE") && w.has("DETACH", "PARTITION") && !w.hasAny("CONCURRENTLY", "FINALIZE"),
                    false,
                    w -> w.sql().strip().replaceFirst(";\\s*$", "") + " CONCURRENTLY;\n"
                            + "-- PostgreSQL 14+, in a migration of its own, outside a transaction block; refused while the"
                            + " table has a DEFAULT partition\n"
                            + "-- PostgreSQL 10-13: there is no online form; detach in a quiet window with SET lock_timeout"
                            + " (and retry), or stop writing to the partition and leave it attached",
                    (e, w) -> claim("AccessExclusiveLock", false, false), MEASURES_LOCK),
            Rule.of("add-domain-constraint-validated", Category.CONSTRAINT_VALIDATION, Status.FLAG, PG,
                    "ALTER DOMAIN ... ADD CONSTRAINT checks every column of the domain under SHARE",
                    "Add the domain constraint NOT VALID; validate off-peak, or use NOT VALID CHECKs on the tables",
                    "ALTER DOMAIN ... ADD CONSTRAINT (and SET NOT NULL) reads every row of every table with a column"
                            + " of the domain while holding SHARE on each table, which blocks their writes for the"
                            + " whole check. NOT VALID skips the check for existing rows (new values are checked at"
                            + " once), but unlike a table's VALIDATE CONSTRAINT, a domain's takes the same SHARE lock"
                            + " on every table and scans them (PostgreSQL 10 to 18): validating later only moves the"
                            + " write block. Where the check must cover existing rows online, put NOT VALID CHECKs on"
                            + " the tables' columns and VALIDATE those under SHARE UPDATE EXCLUSIVE. The tables are not"
                            + " named in the statement, so lint states no lock claim on one; run measures them.",
                    w -> w.startsWith("ALTER", "DOMAIN") && (w.has("ADD") && !w.has("NOT", "VALID")
                            || w.has("SET", "NOT", "NULL") || w.has("VALIDATE", "CONSTRAINT")), true,
                    w -> {
                        String d = w.nameAfter("DOMAIN");
                        String later = "-- a domain's VALIDATE also takes SHARE on every table using it (writes wait while it"
                                + " scans): run it off-peak with SET lock_timeout, or instead add\n"
                                + "-- CHECK (...) NOT VALID on each table's column and VALIDATE those (SHARE UPDATE EXCLUSIVE)\n";
                        if (w.has("VALIDATE", "CONSTRAINT")) return later + w.sql().strip() + ";";
                        if (w.has("SET", "NOT", "NULL")) {
                            return "ALTER DOMAIN " + d + " ADD CONSTRAINT " + domainConstraintName(w, "not_null")
                                    + " CHECK (VALUE IS NOT NULL) NOT VALID;\n" + later
                                    + "ALTER DOMAIN " + d + " VALIDATE CONSTRAINT " + domainConstraintName(w, "not_null") + ";";
                        }
                        return withNotValid(w.sql()) + ";\n" + later
                                + "ALTER DOMAIN " + d + " VALIDATE CONSTRAINT " + domainConstraintName(w, "check") + ";";
                    },
                    null, "the locks its transaction takes on the tables with a column of the domain (pg_locks), whether"
                            + " they were read in full (seq_scan), how long the locks were held and which application"
                            + " queries queued behind them")
                    .withLint(PostgresRules::domainConstraint),
            Rule.of("validate-in-same-transaction", Category.CONSTRAINT_VALIDATION, Status.FLAG, PG,
                    "VALIDATE CONSTRAINT in the transaction that added it NOT VALID",
                    "Validate in a later migration, in its own transaction",
                    "NOT VALID exists so that the scan happens under VALIDATE's weak lock. In the same transaction the"
                            + " strong lock taken by ADD CONSTRAINT (ACCESS EXCLUSIVE for CHECK, SHARE ROW EXCLUSIVE for"
                            + " FOREIGN KEY) is still held while VALIDATE scans, so nothing was gained.",
                    CONTEXTUAL, true,
                    w -> "-- move this statement to the next migration (its own transaction):\n" + w.sql().strip() + ";",
                    null, MEASURES_LOCK)
                    .alsoIn(Category.LOCK_CONTENTION)
                    .withLint(PostgresRules::validateInSameTransaction)
                    // run: VALIDATE scans under its weak lock, unless its transaction still holds ADD CONSTRAINT's strong one
                    .withMatchesHolding((w, held) -> w.startsWith("ALTER", "TABLE") && w.has("VALIDATE", "CONSTRAINT")
                            && !held.isEmpty()),
            CommonRules.DROP_TABLE,
            CommonRules.DROP_DATABASE,
            CommonRules.DROP_COLUMN,
            Rule.of("drop-cascade", Category.DATA_LOSS, Status.FLAG, PG,
                    "DROP ... CASCADE drops dependent objects too",
                    "Drop dependants explicitly, by name",
                    "CASCADE silently drops every dependent view, foreign key, default and policy. What else went is"
                            + " only visible in the server log.",
                    w -> w.startsWith("DROP") && w.words().get(w.words().size() - 1).equals("CASCADE")
                            || w.startsWith("ALTER", "TABLE") && w.has("DROP") && w.words().get(w.words().size() - 1).equals("CASCADE"),
                    false,
                    w -> "Drop each dependent object explicitly, by name, then the object itself without CASCADE.",
                    null, "which statements failed and what was dropped")
                    .withMeasured(CommonRules::dataLost),
            CommonRules.TRUNCATE,
            CommonRules.RENAME,
            Rule.of("drop-not-null", Category.CONCURRENT_WRITE_HAZARDS, Status.FLAG, PG,
                    "DROP NOT NULL lets NULLs reach readers that assume none",
                    "Make every reader tolerate NULL before dropping the constraint",
                    "The statement is instant, but once the new code writes NULL, the old version (and reports,"
                            + " exports, replicas' consumers) that assumed a value break silently.",
                    w -> w.startsWith("ALTER", "TABLE") && w.has("DROP", "NOT", "NULL"), false,
                    w -> "Ship readers that handle NULL first; then drop NOT NULL; backfill or default where a value is"
                            + " still expected.",
                    null, "nothing: the break is in the application's assumptions, not in locks"),
            Rule.of("enum-value-ordering", Category.CONCURRENT_WRITE_HAZARDS, Status.FLAG, PG,
                    "ADD VALUE ... BEFORE/AFTER changes the enum's sort order",
                    "Append enum values at the end, or use a lookup table",
                    "Enums sort by declaration order. Inserting a value BEFORE or AFTER another changes ORDER BY,"
                            + " comparisons and range checks; before PostgreSQL 12 ADD VALUE also cannot run in a"
                            + " transaction block.",
                    w -> w.startsWith("ALTER", "TYPE") && w.has("ADD", "VALUE") && w.hasAny("BEFORE", "AFTER"), false,
                    w -> w.sql().strip().replaceFirst("(?is)\\s+(BEFORE|AFTER)\\s+.*$", "")
                            + ";  -- appended: existing order unchanged",
                    null, "nothing: order changes are invisible to locks")
                    .withLint(LintCheck.MATCHING_NEW_TABLES_TOO),
            CommonRules.FK_ON_DELETE_CASCADE,
            withRewrite(CommonRules.UNBATCHED_BACKFILL, Rewrite.mechanical(PostgresRewrites::backfill,
                    CommonRules.UNBATCHED_BACKFILL.rewrite())),
            CommonRules.BACKFILL_NOT_IDEMPOTENT,
            CommonRules.BACKFILL_NO_THROTTLE,
            CommonRules.BACKFILL_NO_PROGRESS,
            CommonRules.NO_ROLLBACK_NON_TRANSACTIONAL,
            CommonRules.MISSING_LOCK_TIMEOUT);

    /** A shared rule with PostgreSQL's form of its rewrite. */
    private static Rule withRewrite(Rule r, java.util.function.Function<Words, String> rewrite) {
        Rule.Facts f = r.facts();
        return new Rule(new Rule.Facts(f.id(), f.category(), f.severity(), f.title(), f.advice(), f.explanation(),
                f.engines(), f.growsWithTable(), rewrite, f.measures(), f.oncePerFile(), f.alsoIn()),
                r.matches(), r.matchesHolding(), r.claim(), r.lint(), r.measured(), r.onFailure());
    }

    /** A claim from the lock mode's name, with what it blocks from the conflict table. */
    static Claim claim(String lock, boolean rewrite, boolean scan) {
        return new Claim(lock, PostgresLockModes.of(lock).blocks(), rewrite, scan, false);
    }

    /** varchar/text changes PostgreSQL does without a rewrite, when no USING clause recomputes the values. */
    static boolean binaryCoercible(Words w) {
        if (w.has("USING")) return false;
        int i = typeChangeAt(w);
        if (i < 0) return false;
        String type = w.at(i + 1);
        if (type.equals("TEXT")) return i + 2 >= w.words().size() || !w.at(i + 2).equals("[");
        if (type.equals("VARCHAR")) return true; // widening; a shrink needs a check PostgreSQL does by rewriting, seen in run
        return type.equals("CHARACTER") && w.at(i + 2).equals("VARYING");
    }

    /**
     * Volatile default, identity, serial or stored generated column; any default before PostgreSQL 11. A default
     * is volatile when it calls a function {@link PostgresFunctions} does not know as non-volatile on the target.
     */
    static boolean addColumnRewrites(EngineSpec e, Words w) {
        if (w.hasAny("SERIAL", "BIGSERIAL", "SMALLSERIAL")) return true;
        // identity or STORED generated: both fill every row; a VIRTUAL generated column (18+) is computed on read
        if (w.has("GENERATED")) return !w.has("VIRTUAL");
        for (int d = w.indexOf(0, "DEFAULT"); d >= 0; d = w.indexOf(d + 1, "DEFAULT")) {
            if (w.at(d - 1).equals("SET") || w.at(d + 1).equals("NULL")) continue; // ALTER COLUMN ... SET DEFAULT rewrites nothing
            if (e.major() < 11) return true;
            int depth = 0;
            for (int i = d + 1; i + 1 < w.words().size(); i++) {
                String word = w.at(i);
                if (word.equals("(")) depth++;
                else if (word.equals(")") && --depth < 0) break;
                else if (depth == 0 && DEFAULT_ENDS.contains(word)) break;
                else if (w.at(i + 1).equals("(") && !word.isEmpty() && Character.isLetter(word.charAt(0))
                        && PostgresFunctions.isVolatile(w.at(i - 1).equals(".") ? w.at(i - 2) + "." + word : word, e.major())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String withNotValid(String sql) {
        return sql.strip().replaceFirst(";\\s*$", "") + " NOT VALID";
    }

    private static String constraintAfter(Rule.Words w) {
        String name = w.nameAfter("CONSTRAINT");
        return name.equals("?") ? "<constraint>" : name;
    }

    private static String domainConstraintName(Rule.Words w, String suffix) {
        String name = w.nameAfter("CONSTRAINT");
        if (!name.equals("?")) return name;
        String domain = w.nameAfter("DOMAIN");
        return (domain.contains(".") ? domain.substring(domain.indexOf('.') + 1) : domain) + "_" + suffix;
    }

    /**
     * A domain constraint that checks the existing rows: ADD without NOT VALID, SET NOT NULL and VALIDATE CONSTRAINT,
     * all under SHARE on each table using the domain (typecmds.c, get_rels_with_domain; measured on 10, 16 and 18).
     */
    static String domainConstraint(Rule self, LintContext c) {
        Words w = c.words();
        if (!self.matches().test(w)) return null;
        boolean validate = w.has("VALIDATE", "CONSTRAINT");
        return "on " + c.engine() + ": " + (validate ? "VALIDATE" : "the check") + " takes ShareLock (blocks writes) on"
                + " every table with a column of domain " + w.nameAfter("DOMAIN") + " and scans each";
    }

    /** CREATE INDEX CONCURRENTLY and its kind inside a transaction block: refused, whatever the table. */
    static String concurrentlyInTransaction(Rule self, LintContext c) {
        if (c.statement().kind() != SqlStatement.Kind.NON_TRANSACTIONAL || !c.inTransaction()) return null;
        return (c.inScriptTransaction() ? "runs inside the BEGIN ... COMMIT block the file opens"
                : "runs inside the transaction its migration tool wraps it in")
                + "; PostgreSQL refuses it there (SQLSTATE 25001)";
    }

    /**
     * From PostgreSQL 12 a valid {@code CHECK (col IS NOT NULL)} earlier in the set lets SET NOT NULL skip its scan; the
     * rule keeps which checks were added and validated.
     */
    static String setNotNull(Rule self, LintContext c) {
        Words w = c.words();
        String hit = LintCheck.MATCHING.check(self, c);
        if (hit != null && c.engine().serverVersion().atLeast(12)
                && c.setNotes().containsKey(VALID_NOT_NULL + c.table() + "." + LintContext.normal(w.alteredColumn()))) {
            hit = null;
        }
        if (w.startsWith("ALTER", "TABLE") && w.has("VALIDATE", "CONSTRAINT")) {
            String column = c.setNotes().remove(PENDING_NOT_NULL + LintContext.normal(w.nameAfter("CONSTRAINT")));
            if (column != null) c.setNotes().put(VALID_NOT_NULL + column, "yes");
        }
        if (w.startsWith("ALTER", "TABLE") && w.has("ADD") && w.has("CONSTRAINT")) {
            int check = w.indexOf(0, "CHECK");
            // CHECK ( col IS NOT NULL )
            if (check > 0 && w.at(check + 1).equals("(") && w.at(check + 3).equals("IS") && w.at(check + 4).equals("NOT")
                    && w.at(check + 5).equals("NULL") && w.at(check + 6).equals(")")) {
                String column = c.table() + "." + LintContext.normal(w.at(check + 2));
                if (w.has("NOT", "VALID")) c.setNotes().put(PENDING_NOT_NULL + LintContext.normal(w.nameAfter("CONSTRAINT")), column);
                else c.setNotes().put(VALID_NOT_NULL + column, "yes");
            }
        }
        return hit;
    }

    private static final String PENDING_NOT_NULL = "not-null-check-not-valid:", VALID_NOT_NULL = "not-null-check-valid:";

    /** NOT VALID gains nothing when VALIDATE runs in the transaction whose ADD CONSTRAINT took the strong lock. */
    static String validateInSameTransaction(Rule self, LintContext c) {
        Words w = c.words();
        if (!w.startsWith("ALTER", "TABLE")) return null;
        String hit = null;
        if (w.has("VALIDATE", "CONSTRAINT")) {
            String k = LintContext.normal(w.nameAfter("CONSTRAINT"));
            String lock = c.inTransaction() ? c.transactionNotes().get(NOT_VALID + k) : null;
            if (lock != null && !c.newTable()) {
                hit = "validates " + k + " in the transaction that added it NOT VALID: the " + lock
                        + " its ADD CONSTRAINT took on " + c.table() + " is held while VALIDATE scans the table";
            }
        }
        if (w.has("ADD") && w.has("CONSTRAINT") && w.has("NOT", "VALID")) {
            c.transactionNotes().put(NOT_VALID + LintContext.normal(w.nameAfter("CONSTRAINT")),
                    w.has("FOREIGN", "KEY") || w.has("REFERENCES")
                            ? PostgresLockModes.SHARE_ROW_EXCLUSIVE : PostgresLockModes.ACCESS_EXCLUSIVE);
        }
        return hit;
    }

    private static final String NOT_VALID = "not-valid:";

    /** VACUUM FULL, or VACUUM (FULL [TRUE|ON|1]); not VACUUM (FULL FALSE). */
    static boolean vacuumFull(Words w) {
        int full = w.indexOf(0, "FULL");
        return full > 0 && !List.of("FALSE", "OFF", "0").contains(w.at(full + 1));
    }

    /**
     * Where the new type starts in {@code ALTER [COLUMN] col [SET DATA] TYPE t}, or -1: a column named {@code type}
     * is no type change.
     */
    static int typeChangeAt(Words w) {
        for (int a = w.indexOf(1, "ALTER"); a > 0; a = w.indexOf(a + 1, "ALTER")) {
            int col = w.at(a + 1).equals("COLUMN") ? a + 2 : a + 1;
            int k = col + 1;
            if (w.at(k).equals("SET") && w.at(k + 1).equals("DATA")) k += 2;
            if (w.at(k).equals("TYPE")) return k;
        }
        return -1;
    }

    /**
     * The type change judged from the column's old type, which the rule keeps from the statements that define
     * columns (CREATE TABLE, ADD COLUMN, earlier type changes, renames); without it, a finding that says so.
     */
    static String typeChange(Rule self, LintContext c) {
        Words w = c.words();
        String t = c.table();
        if (w.startsWith("SET", "TIME", "ZONE") || w.startsWith("SET", "TIMEZONE")) {
            String zone = w.at(w.words().size() - 1).replace("'", "").toUpperCase(java.util.Locale.ROOT);
            if (List.of("UTC", "ETC/UTC", "UCT", "ZULU", "GMT").contains(zone)) c.setNotes().put(UTC, "yes");
            else c.setNotes().remove(UTC);
            return null;
        }
        if (w.startsWith("CREATE") && w.has("TABLE") && w.indexOf(0, "(") > 0 && !w.has("AS")) {
            recordColumns(c, w, t);
            return null;
        }
        if (!w.startsWith("ALTER", "TABLE")) return null;
        if (w.has("ADD") && !w.has("CONSTRAINT") && !w.hasAny("PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "EXCLUDE")) {
            int add = w.indexOf(0, "ADD");
            int col = w.at(add + 1).equals("COLUMN") ? add + 2 : add + 1;
            if (w.at(col).equals("IF")) col += 3;
            c.setNotes().put(TYPE + t + "." + LintContext.normal(w.at(col)), PostgresTypes.read(w, col + 1).type().toString());
            return null;
        }
        if (w.has("RENAME") && w.has("TO") && !w.has("CONSTRAINT")) {
            int to = w.indexOf(0, "TO");
            String from = LintContext.normal(w.at(w.at(w.indexOf(0, "RENAME") + 1).equals("COLUMN") ? w.indexOf(0, "RENAME") + 2
                    : w.indexOf(0, "RENAME") + 1));
            String old = c.setNotes().remove(TYPE + t + "." + from);
            if (old != null) c.setNotes().put(TYPE + t + "." + LintContext.normal(w.at(to + 1)), old);
            return null;
        }
        int at = typeChangeAt(w);
        if (at < 0) return null;
        String column = LintContext.normal(w.alteredColumn());
        PostgresTypes.Type to = PostgresTypes.read(w, at + 1).type();
        String known = c.setNotes().put(TYPE + t + "." + column, to.toString());
        if (c.newTable() || !self.matches().test(w)) return null;
        if (known == null) {
            return "Verify: the column's current type is unknown to lint (no earlier file defines it); changing it to "
                    + to + " rewrites " + t + " unless the change is one of those that need no rewrite";
        }
        PostgresTypes.Type from = PostgresTypes.Type.parse(known);
        if (!w.has("USING") && !PostgresTypes.rewrites(from, to, c.engine().serverVersion().major(), c.setNotes().containsKey(UTC))) {
            return null;
        }
        return "from " + from + " to " + to + " on " + c.engine() + ": "
                + claim(PostgresLockModes.ACCESS_EXCLUSIVE, true, false).describe();
    }

    private static void recordColumns(LintContext c, Words w, String table) {
        int i = w.indexOf(0, "(") + 1;
        while (i < w.words().size()) {
            String first = w.at(i);
            if (first.equals(")")) break;
            boolean constraint = List.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "EXCLUDE", "LIKE").contains(first);
            int next = i + 1;
            if (!constraint) {
                PostgresTypes.Read read = PostgresTypes.read(w, i + 1);
                c.setNotes().put(TYPE + table + "." + LintContext.normal(first), read.type().toString());
                next = read.next();
            }
            int depth = 0; // skip to the element's end
            for (; next < w.words().size(); next++) {
                String x = w.at(next);
                if (x.equals("(")) depth++;
                else if (x.equals(")")) {
                    if (depth == 0) break;
                    depth--;
                } else if (x.equals(",") && depth == 0) break;
            }
            if (next >= w.words().size() || w.at(next).equals(")")) break;
            i = next + 1;
        }
    }

    private static final String TYPE = "column-type:", UTC = "session-time-zone-utc";
}
