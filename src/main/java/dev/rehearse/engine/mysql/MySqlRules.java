package dev.rehearse.engine.mysql;

import dev.rehearse.dialect.CommonRules;
import dev.rehearse.dialect.LintCheck;
import dev.rehearse.dialect.LintContext;
import dev.rehearse.dialect.LockMode.Blocks;
import dev.rehearse.dialect.Rule;
import dev.rehearse.dialect.Rule.Claim;
import dev.rehearse.dialect.Rule.Words;
import dev.rehearse.model.Category;
import dev.rehearse.model.Status;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.EngineSpec.Kind;
import dev.rehearse.scenario.Scenario;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The MySQL / MariaDB catalog: the shared rules, then online DDL. Each claim says what the statement does at an engine
 * and version (the algorithm stands where PostgreSQL names a lock mode): MariaDB's are measured on 10.11 and 11.4 by
 * {@code MariaDbRuleMeasurementTest}; MySQL's come from its online-DDL manual (documented, not measured here). Where
 * the two engines or their versions differ (MariaDB 11.2+ copies online; MySQL 8.0.29+ adds and drops columns
 * INSTANT anywhere; MariaDB 10.4+ drops and reorders instantly), the claim follows the engine and version.
 */
public final class MySqlRules {

    private MySqlRules() {}

    private static final Set<Kind> MY = EnumSet.of(Kind.MYSQL, Kind.MARIADB);

    /** What a MariaDB rehearsal measures of these rules (MySQL's claims are its manual's: documented, not measured). */
    private static final String MEASURES = "the rebuild (InnoDB's TABLE_ID before and after), the metadata locks the"
            + " migration held and the application queries that waited on them";

    private static final List<Rule> ONLINE_DDL = List.of(
            Rule.of("mysql-modify-column-copy", Category.LOCK_CONTENTION, Status.FLAG, MY,
                    "MODIFY/CHANGE COLUMN may copy the table (writes blocked on MySQL and MariaDB before 11.2)",
                    "State ALGORITHM=INPLACE, LOCK=NONE so the server refuses a copy; make a copying change with gh-ost or"
                            + " pt-online-schema-change",
                    "Changing a column's data type runs ALGORITHM=COPY: the table is copied row by row. MySQL 8.0/8.4"
                            + " (documented) and MariaDB before 11.2 (measured on 10.11) refuse concurrent writes for the"
                            + " whole copy; MariaDB 11.2+ copies online with writes allowed (MDEV-16329, measured on 11.4),"
                            + " but still rewrites the whole table and replicas replay it serially. NULL/NOT NULL changes"
                            + " rebuild in place (writes allowed); extending a VARCHAR within the same length-byte count is"
                            + " in place without rebuild. Which one applies depends on the old definition, so state the"
                            + " algorithm: the server then refuses (error 1846) instead of copying.",
                    w -> w.startsWith("ALTER", "TABLE") && (w.has("MODIFY") || w.has("CHANGE")), true,
                    OnlineSchemaChange.withTools(w -> online(w, body(w) + ", ALGORITHM=INPLACE, LOCK=NONE",
                            "refused (error 1846) if it needs COPY", "-- if refused: add a new column and backfill it, or copy online:"),
                            true),
                    (e, w) -> refusesCopy(w) ? null : copy(e, false), MEASURES),
            Rule.of("mysql-add-column-rebuild", Category.LOCK_CONTENTION, Status.FLAG, MY,
                    "ADD COLUMN that cannot be INSTANT rebuilds the table",
                    "Add the column last (or upgrade to MySQL 8.0.29+) so it is INSTANT; add an AUTO_INCREMENT column"
                            + " with gh-ost / pt-online-schema-change",
                    "MySQL before 8.0.29 adds a column INSTANT only as the last column; FIRST/AFTER rebuilds the"
                            + " table in place (writes allowed, but hours of I/O and a replica lag spike). Before"
                            + " 8.0.12 there is no INSTANT at all. MariaDB adds a column INSTANT at any position (measured"
                            + " on 10.11 and 11.4). An AUTO_INCREMENT column rebuilds the table on both, numbering every"
                            + " row: MySQL documents it without concurrent DML.",
                    w -> w.startsWith("ALTER", "TABLE") && addsColumn(w) && w.hasAny("FIRST", "AFTER", "AUTO_INCREMENT"), true,
                    OnlineSchemaChange.withTools(w -> w.has("AUTO_INCREMENT") ? null
                            : online(w, body(w).replaceFirst("(?is)\\s+(FIRST|AFTER\\s+\\S+)\\s*$", "") + ", ALGORITHM=INSTANT",
                            "appended last: metadata only", "-- or, where the position matters:"), true),
                    MySqlRules::mysqlAddColumn, MEASURES),
            Rule.of("mysql-drop-column-rebuild", Category.LOCK_CONTENTION, Status.FLAG, EnumSet.of(Kind.MYSQL),
                    "DROP COLUMN rebuilds the table before MySQL 8.0.29",
                    "On MySQL < 8.0.29 use gh-ost / pt-online-schema-change for large tables",
                    "MySQL 8.0.29 made DROP COLUMN INSTANT; before, it rebuilds the table in place (documented, not"
                            + " measured here). MariaDB 10.4+ drops and reorders columns instantly (measured on 10.11 and"
                            + " 11.4: the table is kept), so the rule does not apply to it.",
                    w -> w.startsWith("ALTER", "TABLE") && w.has("DROP", "COLUMN"), true,
                    OnlineSchemaChange.withTools(w -> "-- MySQL 8.0.29+:\n" + w.sql().strip().replaceFirst(";\\s*$", "")
                            + ", ALGORITHM=INSTANT;\n-- before 8.0.29:"),
                    (e, w) -> e.kind() == Kind.MYSQL && !e.serverVersion().atLeast(8, 0, 29) ? claim("INPLACE", Blocks.NONE, true) : null,
                    "nothing here, as no MySQL server runs in this build's tests; MariaDB's instant DROP COLUMN and"
                            + " column reorder are measured by MariaDbOnlineDdlTest"),
            Rule.of("mysql-index-blocks-writes", Category.LOCK_CONTENTION, Status.FLAG, MY,
                    "FULLTEXT / SPATIAL index builds block writes (the first FULLTEXT index rebuilds the table)",
                    "Build it with gh-ost / pt-online-schema-change",
                    "Secondary B-tree indexes build INPLACE with concurrent DML, but FULLTEXT and SPATIAL indexes build"
                            + " INPLACE with LOCK=SHARED at least (LOCK=NONE is refused, error 1846): writes are refused"
                            + " for the whole build. The first FULLTEXT index of a table without an FTS_DOC_ID column"
                            + " also rebuilds the table to add one (measured on MariaDB 10.11 and 11.4: a new TABLE_ID).",
                    w -> (w.startsWith("ALTER", "TABLE") && w.has("ADD") || w.startsWith("CREATE"))
                            && w.hasAny("FULLTEXT", "SPATIAL"), true,
                    OnlineSchemaChange.withTools(w -> ""),
                    (e, w) -> claim("INPLACE", Blocks.WRITES, w.has("FULLTEXT")), MEASURES),
            Rule.of("mysql-add-foreign-key-copy", Category.FOREIGN_KEYS, Status.FLAG, MY,
                    "ADD FOREIGN KEY copies the table unless foreign_key_checks=0",
                    "SET foreign_key_checks = 0 for the ALTER (INPLACE), after checking orphans yourself",
                    "With foreign_key_checks on, ADD FOREIGN KEY runs ALGORITHM=COPY: the table is copied, with writes"
                            + " blocked on MySQL (documented) and MariaDB before 11.2 (measured on 10.11), online on"
                            + " MariaDB 11.2+ (measured on 11.4). Either way the check reads every row's parent under a"
                            + " shared row lock kept to the end of the ALTER: writes to the referenced rows wait for the"
                            + " whole copy (measured on MariaDB 10.11 and 11.4). With foreign_key_checks=0 it is INPLACE"
                            + " and metadata only, but existing rows are not checked.",
                    w -> w.startsWith("ALTER", "TABLE") && w.has("FOREIGN", "KEY") && w.has("ADD"), true,
                    w -> "-- check for orphans first (SELECT ... LEFT JOIN ... WHERE parent.id IS NULL)\n"
                            + "SET foreign_key_checks = 0;\n" + w.sql().strip().replaceFirst(";\\s*$", "")
                            + ", ALGORITHM=INPLACE, LOCK=NONE;\nSET foreign_key_checks = 1;",
                    (e, w) -> copy(e, false), MEASURES)
                    .alsoIn(Category.LOCK_CONTENTION)
                    .withLint(MySqlRules::foreignKeyCopy),
            Rule.of("mysql-primary-key-change", Category.LOCK_CONTENTION, Status.FLAG, MY,
                    "changing the PRIMARY KEY rebuilds (or copies) the table",
                    "Use gh-ost / pt-online-schema-change",
                    "ADD PRIMARY KEY rebuilds the clustered index in place; DROP PRIMARY KEY alone is COPY, with writes"
                            + " blocked on MySQL (documented) and MariaDB before 11.2 (measured on 10.11), online on"
                            + " MariaDB 11.2+ (measured on 11.4). Either rewrites the whole table.",
                    w -> w.startsWith("ALTER", "TABLE") && w.has("PRIMARY", "KEY") && w.hasAny("ADD", "DROP"), true,
                    OnlineSchemaChange.withTools(w -> "-- DROP and ADD the primary key in one ALTER if you must; or:"),
                    (e, w) -> w.has("DROP", "PRIMARY", "KEY") && !w.has("ADD")
                            ? copy(e, false) : claim("INPLACE", Blocks.NONE, true), MEASURES),
            Rule.of("mysql-convert-charset", Category.LOCK_CONTENTION, Status.FLAG, MY,
                    "CONVERT TO CHARACTER SET copies the table (writes blocked on MySQL and MariaDB before 11.2)",
                    "Use gh-ost / pt-online-schema-change",
                    "CONVERT TO CHARACTER SET rewrites every text column with ALGORITHM=COPY: writes are refused on"
                            + " MySQL (documented) and MariaDB before 11.2 (measured on 10.11); MariaDB 11.2+ copies online"
                            + " (measured on 11.4), still rewriting the whole table.",
                    w -> w.startsWith("ALTER", "TABLE") && w.has("CONVERT", "TO"), true,
                    OnlineSchemaChange.withTools(w -> ""),
                    (e, w) -> copy(e, false), MEASURES),
            Rule.of("mysql-table-rebuild", Category.LOCK_CONTENTION, Status.FLAG, MY,
                    "OPTIMIZE TABLE / ALTER ... FORCE / ENGINE= rebuild the table",
                    "Use gh-ost / pt-online-schema-change for large tables",
                    "OPTIMIZE TABLE (InnoDB: recreate + analyze), ALTER TABLE ... FORCE, ENGINE=InnoDB and ROW_FORMAT"
                            + " changes rebuild the table in place with DML allowed, but the rebuild reads and writes the"
                            + " whole table and replicas replay it serially. OPTIMIZE also holds a write-blocking metadata"
                            + " lock for a part of its run (measured on MariaDB 10.11 and 11.4: writes waited in about a"
                            + " fifth of the samples at 150k rows).",
                    w -> w.startsWith("OPTIMIZE", "TABLE") || w.startsWith("ALTER", "TABLE")
                            && (w.has("FORCE") || w.has("ENGINE", "=") || w.has("ROW_FORMAT")), true,
                    OnlineSchemaChange.withTools(w -> "-- off-peak with replicas watched, or:"),
                    (e, w) -> claim("INPLACE", Blocks.NONE, true), MEASURES),
            Rule.of("mysql-copy-or-blocking-lock", Category.LOCK_CONTENTION, Status.FLAG, MY,
                    "a stated ALGORITHM=COPY or LOCK=SHARED/EXCLUSIVE copies the table or blocks the application",
                    "State ALGORITHM=INPLACE (or INSTANT), LOCK=NONE so the server refuses what it cannot do online",
                    "ALGORITHM=COPY copies the table row by row into a new one, refusing writes for the whole copy on"
                            + " MySQL (documented) and MariaDB before 11.2 (measured on 10.11), where COPY with LOCK=NONE"
                            + " is refused (error 1846); MariaDB 11.2+ copies online unless a LOCK says otherwise (measured"
                            + " on 11.4). LOCK=SHARED lets reads go on but blocks writes, LOCK=EXCLUSIVE blocks reads and"
                            + " writes, whatever the algorithm. Stating them forces the blocking form even where the server"
                            + " could do the change online.",
                    // CREATE INDEX takes the clauses too: Rails' add_index ... algorithm: :copy on MySQL writes it so
                    w -> (w.startsWith("ALTER", "TABLE") || createsIndex(w)) && (w.has("ALGORITHM", "=", "COPY")
                            || w.has("LOCK", "=", "SHARED") || w.has("LOCK", "=", "EXCLUSIVE")), true,
                    OnlineSchemaChange.withTools(w -> online(w, online(body(w)
                            .replaceAll("(?i)ALGORITHM\\s*=\\s*COPY", "ALGORITHM=INPLACE")
                            .replaceAll("(?i)LOCK\\s*=\\s*(SHARED|EXCLUSIVE)", "LOCK=NONE"), createsIndex(w) ? " " : ", "),
                            "refused (error 1846) if it cannot run online", "-- if refused: copy it online in chunks while writes go on:",
                            // the index a CREATE INDEX builds has a derivable down (Rails' add_index in change had one)
                            createsIndex(w) && !w.nameAfter("INDEX").equals("?") && !w.table().equals("?")
                                    ? List.of("DROP INDEX " + quoted(w.nameAfter("INDEX")) + " ON " + quoted(w.table())) : List.of()),
                            true),
                    MySqlRules::statedAlgorithmOrLock, MEASURES),
            Rule.of("mysql-add-column-expression-default", Category.LOCK_CONTENTION, Status.FLAG, MY,
                    "ADD COLUMN with an expression DEFAULT copies the table (writes blocked on MySQL and MariaDB before 11.2)",
                    "Add the column with a literal default (INSTANT), then backfill the expression in batches",
                    "A default written as an expression, DEFAULT (expr) or a function call, is evaluated for every"
                            + " existing row: MySQL 8.0 refuses ALGORITHM=INSTANT for it (error 1845) and MariaDB"
                            + " refuses INPLACE for a non-constant default (error 1845, measured), so the table is copied:"
                            + " with writes blocked on MySQL and MariaDB before 11.2 (measured on 10.11), online on MariaDB"
                            + " 11.2+ (measured on 11.4). A literal default is INSTANT on MySQL 8.0.12+ and MariaDB 10.3+.",
                    w -> w.startsWith("ALTER", "TABLE") && addsColumn(w) && expressionDefault(w), true,
                    w -> "ALTER TABLE " + w.table() + " ADD COLUMN ... DEFAULT <literal or NULL>, ALGORITHM=INSTANT;\n"
                            + "-- backfill the expression in batches of ~10,000 rows, then\n"
                            + "ALTER TABLE " + w.table() + " ALTER COLUMN ... SET DEFAULT (<expr>);  -- metadata only",
                    (e, w) -> refusesCopy(w) ? new Claim(statedAlgorithm(w), Blocks.NONE, false, false, true)
                            : copy(e, false), MEASURES),
            Rule.of("mysql-add-check-validates", Category.CONSTRAINT_VALIDATION, Status.FLAG, MY,
                    "ADD CHECK copies the table to validate every row (writes blocked on MySQL and MariaDB before 11.2)",
                    "Add the CHECK NOT ENFORCED (MySQL 8.0.16+), or build it with gh-ost / pt-online-schema-change",
                    "MySQL enforces CHECK constraints from 8.0.16 (before, it parses and ignores them) and MariaDB from"
                            + " 10.2.1. Adding one evaluates it for every existing row, and neither server can do that"
                            + " in place (ALGORITHM=INPLACE is refused, error 1845, measured on MariaDB): the table is"
                            + " copied, with writes refused on MySQL and MariaDB before 11.2 (measured on 10.11), online on"
                            + " MariaDB 11.2+ (measured on 11.4). MySQL's CHECK ... NOT ENFORCED is stored without the check.",
                    w -> w.startsWith("ALTER", "TABLE") && addsCheck(w) && !w.has("NOT", "ENFORCED"), true,
                    OnlineSchemaChange.withTools(w -> "-- MySQL 8.0.16+: store it unenforced, find violating rows yourself,"
                            + " enforce it off-peak\n" + w.sql().strip().replaceFirst(";\\s*$", "") + " NOT ENFORCED;\n"
                            + "-- MariaDB: enforce the rule in the application, or copy online:"),
                    (e, w) -> e.kind() == Kind.MYSQL && !e.serverVersion().atLeast(8, 0, 16) ? null // parsed, ignored
                            : refusesCopy(w) ? new Claim(statedAlgorithm(w), Blocks.NONE, false, false, true)
                            : copy(e, true), MEASURES),
            Rule.of("mysql-add-stored-generated-column", Category.LOCK_CONTENTION, Status.FLAG, MY,
                    "ADD COLUMN ... AS (expr) STORED copies the table (writes blocked on MySQL and MariaDB before 11.2)",
                    "Add it VIRTUAL (INSTANT), or add a plain column and backfill it in batches",
                    "A STORED (MariaDB: PERSISTENT) generated column is computed and written for every existing row;"
                            + " MySQL 8.0/8.4 and MariaDB add it only with ALGORITHM=COPY, refusing writes for the whole"
                            + " copy on MySQL (documented) and MariaDB before 11.2 (measured on 10.11), online on MariaDB"
                            + " 11.2+ (measured on 11.4). A VIRTUAL generated column is metadata only (INSTANT).",
                    w -> w.startsWith("ALTER", "TABLE") && addsColumn(w) && w.has("AS") && w.hasAny("STORED", "PERSISTENT"),
                    true,
                    w -> w.sql().strip().replaceFirst(";\\s*$", "").replaceAll("(?i)\\b(STORED|PERSISTENT)\\b", "VIRTUAL")
                            + ", ALGORITHM=INSTANT;  -- computed on read\n"
                            + "-- or: a plain column, backfilled in batches, kept in sync by the application or a trigger",
                    (e, w) -> refusesCopy(w) ? new Claim(statedAlgorithm(w), Blocks.NONE, false, false, true)
                            : copy(e, false), MEASURES));

    /** The catalog for MySQL or MariaDB, in match order. */
    public static List<Rule> forKind(Kind kind) {
        List<Rule> out = new ArrayList<>(CommonRules.ALL);
        // DROP SCHEMA is DROP DATABASE's synonym on these engines
        Rule db = CommonRules.DROP_DATABASE;
        out.set(out.indexOf(db), new Rule(db.facts(), w -> db.matches().test(w) || w.startsWith("DROP", "SCHEMA"),
                db.matchesHolding(), db.claim(), db.lint(), db.measured(), db.onFailure()));
        out.remove(CommonRules.MISSING_LOCK_TIMEOUT); // last, as CommonRules.ALL keeps it
        for (Rule r : ONLINE_DDL) if (r.covers(kind)) out.add(r);
        out.add(LOCK_WAIT_TIMEOUT);
        return List.copyOf(out);
    }

    /**
     * missing-lock-timeout in MySQL's words: lock_wait_timeout (whole seconds; the server's default is a year on MySQL,
     * a day on MariaDB), MariaDB's per-statement {@code WAIT n}. The bound is PostgreSQL's (25 ms at the default
     * thresholds) rounded up to the whole second the server counts in: 1 s, the least MySQL accepts short of NOWAIT,
     * so a try that has to wait still queues the workload past query_wait_flag (200 ms), though not past
     * query_wait_block (2 s).
     */
    private static final Rule LOCK_WAIT_TIMEOUT = withRewrite(CommonRules.MISSING_LOCK_TIMEOUT, new LockWaitRewrite());

    /** The setting before the statement is what fix writes; MariaDB's WAIT form and the measured note are text. */
    private static final class LockWaitRewrite implements Rule.MeasuredRewrite, dev.rehearse.dialect.Rewrite.Mechanical {
        @Override
        public dev.rehearse.dialect.Rewrite plan(Rule.Words w) {
            return plan(w, Scenario.Thresholds.DEFAULT);
        }

        @Override
        public dev.rehearse.dialect.Rewrite plan(Rule.Words w, Scenario.Thresholds t) {
            return dev.rehearse.dialect.Rewrite.of(new dev.rehearse.dialect.Rewrite.Step(null, null, false, List.of(
                    dev.rehearse.dialect.Rewrite.Statement.of("SET SESSION lock_wait_timeout = " + seconds(t))
                            .trailing("seconds; retry the migration with backoff when it expires"),
                    dev.rehearse.dialect.Rewrite.Statement.of(body(w))), List.of()));
        }

        @Override
        public String otherwise(Rule.Words w) {
            return apply(w);
        }

        @Override
        public String apply(Rule.Words w) {
            return lockWaitTimeout(w, seconds(Scenario.Thresholds.DEFAULT), null);
        }

        private static long seconds(Scenario.Thresholds t) {
            return CommonRules.wholeSeconds(CommonRules.lockTimeoutMs(t));
        }

        @Override
        public String apply(Rule.Words w, dev.rehearse.dialect.Evidence e) {
            long seconds = seconds(e.thresholds());
            var i = e.report() == null ? null : e.report().impact();
            String measured = i == null || i.blockedQueries() == null || i.blockedQueries() == 0 ? null
                    : String.format(Locale.ROOT, "-- rehearsed without it: %d application queries queued behind the"
                    + " ALTER's metadata lock request, the longest %,d ms; with it the ALTER gives up after %d s and"
                    + " the queue drains", i.blockedQueries(), i.maxBlockedMs(), seconds);
            return lockWaitTimeout(w, seconds, measured);
        }
    }

    private static String lockWaitTimeout(Rule.Words w, long seconds, String measured) {
        String sql = w.sql().strip().replaceFirst(";\\s*$", "");
        return (measured == null ? "" : measured + "\n")
                + "SET SESSION lock_wait_timeout = " + seconds + ";  -- seconds; retry the migration with backoff when it expires\n"
                + sql + ";\n"
                + (w.startsWith("ALTER", "TABLE") ? "-- MariaDB, for this statement only: "
                + sql.replaceFirst("(?is)^(ALTER\\s+(?:ONLINE\\s+|IGNORE\\s+)*TABLE\\s+(?:`[^`]+`|\\S+))", "$1 WAIT " + seconds) + ";" : "");
    }

    /**
     * LOCK=NONE where no LOCK is stated: ALGORITHM=INPLACE alone still takes whatever lock the change needs (a FULLTEXT
     * index build takes LOCK=SHARED and refuses writes, measured on MariaDB 10.11 and 11.4); with LOCK=NONE the server
     * refuses (error 1846) instead.
     */
    static String online(String sql) {
        return online(sql, ", ");
    }

    /** As {@link #online(String)}, the clause after {@code separator}: CREATE INDEX's options take none but a space. */
    static String online(String sql, String separator) {
        return java.util.regex.Pattern.compile("(?i)\\bLOCK\\s*=").matcher(sql).find() ? sql : sql + separator + "LOCK=NONE";
    }

    /** A name as Words gives it (unquoted, schema.table), quoted for MySQL. */
    private static String quoted(String name) {
        return java.util.Arrays.stream(name.split("\\.")).map(p -> "`" + p + "`").collect(java.util.stream.Collectors.joining("."));
    }

    /** CREATE [OR REPLACE] [UNIQUE|FULLTEXT|SPATIAL] INDEX: its ALGORITHM= and LOCK= options are ALTER TABLE's. */
    static boolean createsIndex(Words w) {
        if (!w.startsWith("CREATE")) return false;
        int i = w.indexOf(1, "INDEX");
        return i > 0 && i <= 4 && !w.has("CREATE", "TABLE");
    }

    private static String body(Rule.Words w) {
        return w.sql().strip().replaceFirst(";\\s*$", "");
    }

    /** The statement with its online-DDL clauses, one migration in its place; what follows in the text is advice. */
    private static dev.rehearse.dialect.Rewrite online(Rule.Words w, String sql, String trailing, String after) {
        return online(w, sql, trailing, after, List.of());
    }

    private static dev.rehearse.dialect.Rewrite online(Rule.Words w, String sql, String trailing, String after, List<String> down) {
        return dev.rehearse.dialect.Rewrite.of(new dev.rehearse.dialect.Rewrite.Step(null, null, false,
                List.of(dev.rehearse.dialect.Rewrite.Statement.of(sql).trailing(trailing)), down)).then(after);
    }

    private static Rule withRewrite(Rule r, java.util.function.Function<Rule.Words, String> rewrite) {
        Rule.Facts f = r.facts();
        return new Rule(new Rule.Facts(f.id(), f.category(), f.severity(), f.title(), f.advice(), f.explanation(),
                f.engines(), f.growsWithTable(), rewrite, f.measures(), f.oncePerFile(), f.alsoIn()),
                r.matches(), r.matchesHolding(), r.claim(), r.lint(), r.measured(), r.onFailure());
    }

    /**
     * What a stated ALGORITHM=COPY / LOCK=SHARED / LOCK=EXCLUSIVE does: COPY refuses writes (MariaDB 11.2+ copies
     * online when LOCK=NONE is stated; MySQL refuses COPY with LOCK=NONE, error 1846); SHARED blocks writes;
     * EXCLUSIVE blocks reads and writes. INSTANT with any LOCK but DEFAULT is refused.
     */
    static Claim statedAlgorithmOrLock(EngineSpec e, Words w) {
        boolean copy = w.has("ALGORITHM", "=", "COPY");
        String algorithm = statedAlgorithm(w);
        boolean exclusive = w.has("LOCK", "=", "EXCLUSIVE"), shared = w.has("LOCK", "=", "SHARED");
        if (algorithm.equals("INSTANT") && (exclusive || shared)) return new Claim("INSTANT", Blocks.NONE, false, false, true);
        if (copy && w.has("LOCK", "=", "NONE")) {
            return onlineCopy(e) ? claim("COPY", Blocks.NONE, true) : new Claim("COPY", Blocks.WRITES, true, false, true);
        }
        if (copy && !exclusive && !shared) return copy(e, false);
        String lock = algorithm + (exclusive ? ", LOCK=EXCLUSIVE" : shared ? ", LOCK=SHARED" : "");
        return claim(lock, exclusive ? Blocks.READS_WRITES : Blocks.WRITES, copy);
    }

    /** The ALGORITHM= stated, or DEFAULT. */
    static String statedAlgorithm(Words w) {
        int i = w.indexOf(0, "ALGORITHM", "=");
        return i < 0 ? "DEFAULT" : w.at(i + 2);
    }

    /** ADD [CONSTRAINT [name]] CHECK (...): a table CHECK constraint, not a column's inline one. */
    static boolean addsCheck(Words w) {
        for (int i = w.indexOf(0, "ADD"); i >= 0; i = w.indexOf(i + 1, "ADD")) {
            if (w.at(i + 1).equals("CHECK")) return true;
            if (w.at(i + 1).equals("CONSTRAINT") && (w.at(i + 2).equals("CHECK") || w.at(i + 3).equals("CHECK"))) return true;
        }
        return false;
    }

    /** Timestamp functions MySQL and MariaDB accept as a DEFAULT without parentheses, without evaluating an expression per row. */
    private static final Set<String> TIMESTAMP_DEFAULTS = Set.of("CURRENT_TIMESTAMP", "NOW", "LOCALTIME", "LOCALTIMESTAMP");

    /** DEFAULT (expr), or (MariaDB) DEFAULT f(...), other than the CURRENT_TIMESTAMP family. */
    static boolean expressionDefault(Words w) {
        for (int d = w.indexOf(0, "DEFAULT"); d >= 0; d = w.indexOf(d + 1, "DEFAULT")) {
            String next = w.at(d + 1);
            if (next.equals("(")) return true;
            if (w.at(d + 2).equals("(") && !TIMESTAMP_DEFAULTS.contains(next) && Character.isLetter(next.charAt(0))) return true;
        }
        return false;
    }

    /**
     * ALGORITHM=COPY: writes refused for the whole copy on MySQL (documented) and MariaDB before 11.2 (measured on
     * 10.11); MariaDB 11.2+ copies online when no LOCK says otherwise (MDEV-16329; measured on 11.4).
     */
    static Claim copy(EngineSpec e, boolean scan) {
        return new Claim("COPY", onlineCopy(e) ? Blocks.NONE : Blocks.WRITES, true, scan, false);
    }

    /** MariaDB 11.2+: ALGORITHM=COPY lets writes through, logging them and applying them at the end. */
    static boolean onlineCopy(EngineSpec e) {
        return e.kind() == Kind.MARIADB && e.serverVersion().atLeast(11, 2, 0);
    }

    /** A claim about an online-DDL algorithm. */
    static Claim claim(String algorithm, Blocks blocks, boolean rebuild) {
        return new Claim(algorithm, blocks, rebuild, false, false);
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
        if (w.has("AUTO_INCREMENT")) c = claim("INPLACE", Blocks.WRITES, true);
        else if (e.kind() == Kind.MARIADB || e.serverVersion().atLeast(8, 0, 29)) c = null; // INSTANT at any position
        else c = claim("INPLACE", Blocks.NONE, true);
        // ALGORITHM=INSTANT where INSTANT is impossible: the server refuses the statement instead (error 1845)
        if (c != null && w.has("ALGORITHM", "=", "INSTANT")) return new Claim("INSTANT", Blocks.NONE, false, false, true);
        return c;
    }

    /** ALGORITHM=INPLACE/INSTANT stated: the server refuses a copy (error 1846) rather than blocking writes. */
    static boolean refusesCopy(Words w) {
        return w.has("ALGORITHM", "=", "INPLACE") || w.has("ALGORITHM", "=", "INSTANT") || w.has("ALGORITHM", "=", "NOCOPY");
    }

    /** With {@code SET foreign_key_checks = 0} earlier in the set, ADD FOREIGN KEY is in place. */
    static String foreignKeyCopy(Rule self, LintContext c) {
        Words w = c.words();
        if (w.startsWith("SET")) {
            String all = String.join(" ", w.words()).toLowerCase(Locale.ROOT);
            if (all.matches(".*foreign_key_checks\\s*=\\s*(0|off|false).*")) c.setNotes().put(FK_CHECKS_OFF, "yes");
            else if (all.contains("foreign_key_checks")) c.setNotes().remove(FK_CHECKS_OFF);
            return null;
        }
        return c.setNotes().containsKey(FK_CHECKS_OFF) ? null : LintCheck.MATCHING.check(self, c);
    }

    private static final String FK_CHECKS_OFF = "foreign_key_checks=0";
}
