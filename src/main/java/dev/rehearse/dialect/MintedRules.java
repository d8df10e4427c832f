package dev.rehearse.dialect;

import dev.rehearse.load.LoadEvent;
import dev.rehearse.migrate.ErrorClass;
import dev.rehearse.model.Category;
import dev.rehearse.model.LagProjection;
import dev.rehearse.model.Quantities;
import dev.rehearse.model.Report;
import dev.rehearse.model.Status;
import dev.rehearse.scenario.EngineSpec.Kind;
import dev.rehearse.scenario.Scenario;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Catalog entries for findings that no statement rule names: what measurement finds of any statement (a lock held
 * too long, queries blocked, application errors, WAL), what a failed statement means, and the suppression
 * bookkeeping lint and run share. Their facts feed reports and SARIF like any rule's; their checks are measured.
 * Engine-neutral: the engines' own facts reach them through the evidence (lock modes, error classes).
 */
public final class MintedRules {

    private MintedRules() {}

    private static final Set<Kind> ALL_ENGINES = EnumSet.allOf(Kind.class);

    private static final String LOCK_ADVICE = "Do the work without holding a lock that blocks reads or writes for long:"
            + " split it, batch it, or use the engine's online form; set lock_timeout.";
    private static final String MEASURED_LOCK = "lock hold times from the statement's own session and the sampler,"
            + " rewrites and full scans, and the application queries that waited";

    public static final Rule TABLE_REWRITE_UNDER_LOCK = Rule.minted("table-rewrite-under-lock", Category.LOCK_CONTENTION,
            Status.FLAG, ALL_ENGINES, "a statement rewrote a populated table under a lock that blocks the application",
            LOCK_ADVICE, "No catalog rule names the statement, but the rehearsal saw it rewrite a populated table while"
                    + " holding a lock that blocks reads or writes: at production size the lock is held as long as the"
                    + " rewrite takes.", MEASURED_LOCK);
    public static final Rule FULL_SCAN_UNDER_LOCK = Rule.minted("full-scan-under-lock", Category.LOCK_CONTENTION,
            Status.FLAG, ALL_ENGINES, "a statement read a populated table in full under a lock that blocks the application",
            LOCK_ADVICE, "No catalog rule names the statement, but the rehearsal saw it scan a populated table while"
                    + " holding a lock that blocks reads or writes: the scan grows with the table.", MEASURED_LOCK);
    public static final Rule LONG_LOCK_HOLD = Rule.minted("long-lock-hold", Category.LOCK_CONTENTION, Status.FLAG,
            ALL_ENGINES, "a lock that blocks the application was held past the thresholds", LOCK_ADVICE,
            "The statement's transaction held a lock that blocks reads or writes of a populated table for longer than"
                    + " lock_hold_flag, or application queries waited on it longer than query_wait_flag.", MEASURED_LOCK);

    /** The hazard every statement is judged by, under the rule that names it or, without one, by what happened. */
    public static final MeasuredCheck HAZARD = (ignored, e) -> {
        Status status = e.hazard();
        if (status == Status.PASS) return null;
        String evidence = e.lockEvidence();
        if (evidence.isEmpty()) return null; // nothing measured to say: no finding without evidence
        Rule r = e.rule();
        Rule id = r != null ? r : !e.grew().isEmpty() && !e.report().rewrote().isEmpty() ? TABLE_REWRITE_UNDER_LOCK
                : !e.grew().isEmpty() ? FULL_SCAN_UNDER_LOCK : LONG_LOCK_HOLD;
        return e.finding(id, status, e.what() + " " + evidence + (r != null ? " [" + r.id() + ": " + r.title() + "]" : ""),
                r != null ? e.rewrite() : LOCK_ADVICE);
    };

    public static final Rule BLOCKED_QUERIES = Rule.minted("blocked-queries", Category.LOCK_CONTENTION, Status.FLAG,
            ALL_ENGINES, "application queries waited on a migration's lock",
            "Follow the advice of the rule that names the statement",
            "Whatever the statement's own category, application queries that waited on its lock past query_wait_flag"
                    + " are a lock-contention finding of their own.",
            "the application queries that waited on the statement's locks, and how long")
            .withMeasured((self, e) -> !e.queriesWaited() || e.ownCategoryIsLocks() ? null
                    : e.finding(self, e.waitStatus(), e.what() + " blocked "
                            + Evidence.plural(e.impact().blockedQueries(), "application query", "application queries")
                            + ", the longest for " + e.impact().maxBlockedMs() + " ms", e.rule().advice()));

    public static final Rule LATENCY_REGRESSION = Rule.minted("latency-regression", Category.LOCK_CONTENTION,
            Status.FLAG, ALL_ENGINES, "application p99 latency rose during the statement",
            "Run it off-peak or throttle it; check what it contends on.",
            "Nothing waited on a lock, but the workload's p99 latency while the statement ran exceeded p99_factor times"
                    + " the baseline by at least p99_min_increase, over enough queries to mean it.",
            "the workload's p99 latency during the statement against the baseline")
            .withMeasured((self, e) -> e.queriesWaited() || e.hazard() != Status.PASS || !e.latencyRegressed() ? null
                    : e.finding(self, Status.FLAG, e.what() + " raised application p99 latency to "
                            + String.format(Locale.ROOT, "%.1f", e.impact().p99Ms()) + " ms from a baseline of "
                            + String.format(Locale.ROOT, "%.1f", e.impact().baselineP99Ms()) + " ms", self.advice()));

    private static final String EXPAND_CONTRACT = "Change the schema in a way the running application version"
            + " tolerates (expand, migrate, contract).";
    public static final Rule APPLICATION_ERRORS = Rule.minted("application-errors", Category.CONCURRENT_WRITE_HAZARDS,
            Status.BLOCK, ALL_ENGINES, "application queries failed after the statement", EXPAND_CONTRACT,
            "The application workload's queries failed once the statement had run: the version still serving traffic"
                    + " breaks during the deploy.", "the workload's failed queries and their first error")
            .withMeasured((self, e) -> {
                Report.Impact i = e.impact();
                if (i == null || i.errors() == null || i.errors() == 0) return null;
                String advice = e.rule() != null ? e.rule().advice() : EXPAND_CONTRACT;
                String failed = Evidence.plural(i.errors(), "application query", "application queries");
                Broken broken = broken(e.events(), e.statement().startNanos());
                if (!broken.names().isEmpty()) {
                    return e.finding(self, Status.BLOCK, (broken.names().size() == 1 ? "workload query " : "workload queries ")
                            + String.join(", ", broken.names()) + " failed after " + e.what() + ": " + broken.firstError()
                            + " (" + failed + " failed); the running application version breaks", advice);
                }
                String first = e.events().stream()
                        .filter(x -> x.error() != null && x.endNanos() >= e.statement().startNanos())
                        .map(LoadEvent::error).findFirst().orElse("");
                return e.finding(self, Status.BLOCK, failed + " failed after " + e.what() + ": " + first, advice);
            });

    /** The workload queries that started failing at a statement, and the first of their errors. */
    record Broken(List<String> names, String firstError) {}

    /**
     * Queries (by name) whose last run before {@code from} succeeded and that failed once the statement began: what the
     * statement broke, rather than what already failed before it. A query the load never got to run is no failure.
     */
    static Broken broken(List<LoadEvent> events, long from) {
        java.util.Map<String, LoadEvent> lastBefore = new java.util.HashMap<>();
        List<LoadEvent> after = new java.util.ArrayList<>();
        for (LoadEvent x : events) {
            if (x.query() == null || dev.rehearse.load.LoadGenerator.NOT_RUN.equals(x.error())) continue;
            if (x.endNanos() < from) lastBefore.merge(x.query(), x, (a, b) -> b.endNanos() > a.endNanos() ? b : a);
            else if (x.error() != null) after.add(x);
        }
        after.sort(java.util.Comparator.comparingLong(LoadEvent::endNanos));
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        String first = null;
        for (LoadEvent x : after) {
            LoadEvent before = lastBefore.get(x.query());
            if (before == null || before.error() != null) continue;
            if (names.add(x.query()) && first == null) first = x.error();
        }
        return new Broken(List.copyOf(names), first);
    }

    public static final Rule INDEX_USED_BY_WORKLOAD = Rule.minted("index-used-by-workload", Category.INDEX_DEPENDENCIES,
            Status.FLAG, ALL_ENGINES, "a statement dropped an index that a workload query's plan used",
            "Keep the index while the application's queries need it: give them another index first, or drop it once"
                    + " no plan uses it.",
            "Before the migrations the planner chose the index for a named workload query (EXPLAIN with the"
                    + " parameters the workload draws, not run); the statement dropped it (by name, or with the column or"
                    + " table it covered, as the catalog showed), and after the migrations the"
                    + " query is planned without it. BLOCK when its plan now reads a populated table by a sequential"
                    + " scan, or its p99 after the migration exceeds p99_factor times its own p99 before (load.settle_seconds of"
                    + " load alone on each side).",
            "each named workload query's plan before and after the migrations, and its p99 before and after the"
                    + " statement")
            .withMeasured(MintedRules::indexUsedByWorkload);

    private static Report.Finding indexUsedByWorkload(Rule self, Evidence e) {
        if (e.plans() == null || e.plans().isEmpty()) return null;
        List<String> parts = new java.util.ArrayList<>();
        Status status = Status.FLAG;
        for (String index : dropped(e)) {
            List<String> queries = new java.util.ArrayList<>(), details = new java.util.ArrayList<>();
            for (Report.Plan p : e.plans()) {
                // a query that cannot be planned any more is broken, which application-errors reports
                if (!p.before().contains(index) || p.after().contains(index) || p.error() != null) continue;
                List<String> fellBack = seqScans(p.scansAfter()).stream()
                        .filter(t -> !seqScans(p.scansBefore()).contains(t) && populated(e.tableRows(), t)).toList();
                Double[] p99 = queryP99(e, p.query());
                boolean slower = p99 != null && p99[1] > p99[0] * e.thresholds().p99Factor()
                        && p99[1] - p99[0] >= e.thresholds().p99MinIncreaseMs();
                if (!fellBack.isEmpty() || slower) status = Status.BLOCK;
                queries.add(p.query());
                details.add("planned " + String.join(", ", p.scansBefore()) + " before, "
                        + (p.scansAfter().isEmpty() ? "no scan" : String.join(", ", p.scansAfter())) + " after"
                        + (fellBack.isEmpty() ? "" : " (a sequential scan of populated " + String.join(", ", fellBack) + ")")
                        + (p99 == null ? "" : String.format(Locale.ROOT, "; p99 %.1f ms before the migration, %.1f ms after",
                        p99[0], p99[1])));
            }
            if (queries.isEmpty()) continue;
            StringBuilder b = new StringBuilder("dropped index " + index + ", which workload "
                    + (queries.size() == 1 ? "query " : "queries ") + String.join(", ", queries) + " used: ");
            for (int i = 0; i < queries.size(); i++) {
                if (i > 0) b.append("; ");
                b.append(queries.size() == 1 ? "" : queries.get(i) + " ").append(details.get(i));
            }
            parts.add(b.toString());
        }
        if (parts.isEmpty()) return null;
        return e.finding(self, status, e.what() + " " + String.join("; it ", parts), self.advice());
    }

    /**
     * What the statement dropped: what the probe saw go from the catalog (a DROP COLUMN or DROP TABLE takes its
     * indexes along), unqualified as plans name them, and what it names (when no probe ran).
     */
    private static List<String> dropped(Evidence e) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>(droppedIndexes(e.words()));
        var facts = e.statement().facts();
        if (facts != null) for (String r : facts.dropped()) out.add(r.substring(r.lastIndexOf('.') + 1));
        return List.copyOf(out);
    }

    /**
     * The indexes a statement drops by name, unqualified as plans name them: {@code DROP INDEX [CONCURRENTLY]
     * [IF EXISTS] a, s.b}; and {@code ALTER TABLE ... DROP CONSTRAINT c}, whose index (a key's) has its name.
     */
    static List<String> droppedIndexes(Rule.Words w) {
        List<String> out = new java.util.ArrayList<>();
        List<String> words = w.words();
        if (w.startsWith("DROP", "INDEX")) {
            int i = 2;
            while (i < words.size() && List.of("CONCURRENTLY", "IF", "EXISTS").contains(words.get(i))) i++;
            for (; i < words.size(); i++) {
                String x = words.get(i);
                if (x.equals("CASCADE") || x.equals("RESTRICT") || x.equals(";")) break;
                if (x.equals(",")) continue;
                if (i + 2 < words.size() && words.get(i + 1).equals(".")) {
                    i += 2;
                    x = words.get(i);
                }
                out.add(ident(x));
            }
        } else if (w.startsWith("ALTER", "TABLE")) {
            for (int i = w.indexOf(0, "DROP", "CONSTRAINT"); i >= 0; i = w.indexOf(i + 2, "DROP", "CONSTRAINT")) {
                int j = i + 2;
                while (j < words.size() && List.of("IF", "EXISTS").contains(words.get(j))) j++;
                if (j < words.size()) out.add(ident(words.get(j)));
            }
        }
        return out;
    }

    /** A name as the catalog spells it: the lexer upper-cases unquoted words and keeps quoted names as written. */
    private static String ident(String word) {
        return word.chars().allMatch(ch -> Character.isUpperCase(ch) || Character.isDigit(ch) || ch == '_')
                ? word.toLowerCase(Locale.ROOT) : word;
    }

    /** The tables a plan's scan nodes read sequentially ({@code Seq Scan on orders}). */
    private static List<String> seqScans(List<String> scans) {
        return scans.stream().filter(x -> x.startsWith("Seq Scan on ")).map(x -> x.substring("Seq Scan on ".length()))
                .distinct().toList();
    }

    private static boolean populated(java.util.Map<String, Long> rows, String table) {
        return rows.entrySet().stream().anyMatch(r -> r.getValue() > 0
                && (r.getKey().equals(table) || r.getKey().endsWith("." + table)));
    }

    /**
     * A workload query's p99 before and after the statement: by the load-alone windows around its migration when the
     * load ran them, otherwise before the statement began and after it ended; null when either side has too few
     * queries to mean it.
     */
    private static Double[] queryP99(Evidence e, String query) {
        List<LoadEvent> before = new java.util.ArrayList<>(), after = new java.util.ArrayList<>();
        Evidence.Around a = e.around();
        for (LoadEvent x : e.events()) {
            if (!query.equals(x.query()) || dev.rehearse.load.LoadGenerator.NOT_RUN.equals(x.error())) continue;
            if (a != null) {
                if (x.intendedNanos() >= a.beforeFrom() && x.intendedNanos() < a.startNanos()) before.add(x);
                else if (x.intendedNanos() >= a.endNanos() && x.intendedNanos() < a.afterTo()) after.add(x);
            } else if (x.endNanos() < e.statement().startNanos()) before.add(x);
            else if (x.intendedNanos() >= e.statement().endNanos()) after.add(x);
        }
        if (before.size() < Evidence.MIN_QUERIES_FOR_P99 || after.size() < Evidence.MIN_QUERIES_FOR_P99) return null;
        Double b = dev.rehearse.load.Latencies.percentile(before, 99), af = dev.rehearse.load.Latencies.percentile(after, 99);
        return b == null || af == null ? null : new Double[]{b, af};
    }

    public static final Rule WAL_VOLUME = Rule.minted("wal-volume", Category.REPLICATION_LAG, Status.FLAG, ALL_ENGINES,
            "one statement wrote more WAL than wal_bytes_flag",
            "Batch the change so replicas keep up; watch replica lag during the deploy.",
            "Replicas replay the log serially: a single statement that writes gigabytes of WAL puts them behind by as"
                    + " long as the replay takes.", "WAL written while the statement ran")
            // Without a replica, lag cannot be measured; only WAL measured over the threshold is a finding.
            .withMeasured((self, e) -> {
                Long wal = e.report().walBytes();
                return wal == null || wal < e.thresholds().walBytesFlag() ? null
                        : e.finding(self, Status.FLAG, e.what() + " wrote " + Quantities.bytes(wal)
                        + " of WAL; replicas must replay it serially", self.advice());
            });

    /**
     * Replica lag as rehearsed, and as projected at production rows from the statement's WAL over the replica's apply
     * rate (the scenario's {@code replica.apply_rate}, else an assumed 20 MB/s). Without a replica only the projection
     * speaks, as a FLAG to verify, never a PASS.
     */
    public static final Rule REPLICATION_LAG = Rule.minted("replication-lag", Category.REPLICATION_LAG, Status.BLOCK,
            ALL_ENGINES, "the replica fell, or would fall, behind past the lag thresholds",
            "Batch the change in rows per batch with a pause the replica keeps up with; watch replica lag during the deploy.",
            "A replica applies the log serially: a statement that writes much of it leaves the replica behind by as long"
                    + " as applying it takes, and every read it serves is that stale.",
            "replica lag sampled every 100 ms; the statement's WAL projected at production rows over the apply rate")
            .withMeasured((self, e) -> {
                Scenario.Thresholds t = e.thresholds();
                Scenario.Replica replica = e.scenario().replicaSettings();
                Long lag = e.report().replicationLagMaxMs();
                Long projected = LagProjection.lagMs(e.report(), replica.projectionRate());
                boolean atProduction = LagProjection.atProduction(e.report());
                String projection = projected == null ? "" : "applying its WAL" + (atProduction
                        ? " at production rows (" + Quantities.bytes(LagProjection.productionWal(e.report())) + ")"
                        : " (" + Quantities.bytes(e.report().walBytes()) + ")")
                        + " at " + Quantities.bytes(replica.projectionRate()) + "/s"
                        + (replica.applyRateBytesPerSecond() == null ? " (an assumed apply rate)" : "") + " takes "
                        + Quantities.duration(LagProjection.applyMs(e.report(), replica.projectionRate()))
                        + ", about " + Quantities.duration(projected) + " longer than writing it: the replica's lag"
                        + " behind the commit";
                boolean projectedOver = projected != null && atProduction && projected >= t.replicationLagProductionBlockMs();
                Report.BatchAdvice batch = LagProjection.batchAdvice(e.report(), replica.projectionRate(), t.replicationLagFlagMs());
                String advice = e.measuredBatchAdvice() != null ? e.measuredBatchAdvice() : batch == null ? self.advice() : "Batch it: " + Quantities.number(batch.batchRows())
                        + " rows per batch with a " + Quantities.duration(batch.pauseMs()) + " pause after each keeps the"
                        + " replica about " + Quantities.duration(batch.maxLagMs()) + " behind at most at "
                        + Quantities.bytes(replica.projectionRate()) + "/s (from this statement's WAL and time per row).";
                if (lag != null) {
                    Status status = lag >= t.replicationLagBlockMs() || projectedOver ? Status.BLOCK
                            : lag >= t.replicationLagFlagMs() ? Status.FLAG : null;
                    if (status == null) return null;
                    return e.finding(self, status, e.what() + " put the replica " + Quantities.duration(lag) + " behind"
                            + (projection.isEmpty() ? "" : "; " + projection), advice);
                }
                if (projected == null || projected < t.replicationLagProductionBlockMs()) return null;
                // The assumed rate is a replica replaying heap updates; an index build's or a rewrite's WAL replays
                // sequentially, far faster, so without a replica or a stated rate only row changes are projected.
                if (replica.applyRateBytesPerSecond() == null && !changesRows(e.words())) return null;
                return e.finding(self, Status.FLAG, "Verify: no replica rehearsed; " + e.what() + ": " + projection
                        + ", past " + Quantities.duration(t.replicationLagProductionBlockMs()), advice
                        + " Rehearse with --replica to measure it.");
            });

    /** DML whose WAL is row changes (heap updates), the kind the assumed apply rate describes. */
    private static boolean changesRows(Rule.Words w) {
        return w != null && (w.startsWith("UPDATE") || w.startsWith("DELETE") || w.startsWith("INSERT")
                || w.startsWith("MERGE") || w.startsWith("WITH"));
    }

    public static final Rule LOCK_TIMEOUT = Rule.minted("lock-timeout", Category.LOCK_CONTENTION, Status.BLOCK,
            ALL_ENGINES, "the statement gave up waiting for its lock",
            "Find what holds the lock (long transactions), retry the migration with backoff, or deploy off-peak.",
            "The deploy's lock timeout expired: something held a conflicting lock for longer. The migration stops"
                    + " there.", "the error the server raised")
            .withOnFailure((self, e) -> e.statement().errorClass() != ErrorClass.LOCK_TIMEOUT ? null
                    : e.finding(self, Status.BLOCK, e.failedHead() + " (lock_timeout "
                    + e.scenario().migrations().lockTimeoutMs() + " ms)", self.advice()));
    public static final Rule STATEMENT_TIMEOUT = Rule.minted("statement-timeout", Category.LOCK_CONTENTION, Status.BLOCK,
            ALL_ENGINES, "the statement ran past the deploy's statement timeout",
            "Split or batch the statement so it fits statement_timeout.",
            "The deploy's statement timeout cancelled it; the migration stops there.", "the error the server raised")
            .withOnFailure((self, e) -> e.statement().errorClass() != ErrorClass.STATEMENT_TIMEOUT ? null
                    : e.finding(self, Status.BLOCK, e.failedHead(),
                    e.rule() != null ? e.rewrite() : self.advice()));
    public static final Rule ALGORITHM_REFUSED = Rule.minted("algorithm-refused", Category.LOCK_CONTENTION, Status.BLOCK,
            java.util.EnumSet.of(Kind.MYSQL, Kind.MARIADB), "the server refused the stated online-DDL algorithm instead of copying the table",
            "Keep the ALGORITHM/LOCK clause (it kept the table from being copied with writes blocked) and make this"
                    + " change with an online schema-change tool (gh-ost, pt-online-schema-change)",
            "A statement that states ALGORITHM=INSTANT/INPLACE or LOCK=NONE fails when the server cannot honour it"
                    + " (MySQL / MariaDB errors 1845 and 1846) rather than falling back to a blocking copy: the"
                    + " clause did its job, and the deploy stops there. On the seeded table the change needs a copy.",
            "the error the server raised")
            .withOnFailure((self, e) -> e.statement().errorClass() != ErrorClass.ALGORITHM_REFUSED ? null
                    : e.finding(self, Status.BLOCK, e.failedHead() + ": the server would have had to copy the table;"
                    + " the deploy stops here", e.rule() != null ? self.advice() + ".\n" + e.rewrite() : self.advice()));
    public static final Rule STATEMENT_DEADLINE = Rule.minted("statement-deadline", Category.LOCK_CONTENTION,
            Status.BLOCK, ALL_ENGINES, "rehearse cancelled the statement at its deadline",
            "Make the statement finish well within the deploy's window (batch it, build concurrently, set the deploy's"
                    + " own statement_timeout and lock_timeout); raise --statement-deadline only if that long is acceptable.",
            "The statement ran past the rehearsal's statement deadline (deadlines.statement, --statement-deadline; 10 min"
                    + " by default), or was still running when the run reached its deadline (deadlines.run, --deadline;"
                    + " 1 h), and rehearse cancelled it so the pipeline does not hang. The tool's limit, not the deploy's"
                    + " statement_timeout: in production it would have kept running, holding its locks.",
            "how long the statement ran before rehearse cancelled it")
            .withOnFailure((self, e) -> e.statement().error() == null
                    || !e.statement().error().startsWith(dev.rehearse.migrate.MigrationRunner.DEADLINE) ? null
                    : e.finding(self, Status.BLOCK, e.failedHead(), self.advice()));
    public static final Rule CONSTRAINT_VIOLATION = Rule.minted("constraint-violation", Category.CONSTRAINT_VALIDATION,
            Status.BLOCK, ALL_ENGINES, "existing rows violate the constraint being added",
            "Fix the existing rows first (a batched backfill), then add the constraint NOT VALID and VALIDATE it.",
            "The seeded rows, shaped like production's, break the constraint: so would production's.",
            "the error the server raised on the seeded rows")
            .withOnFailure((self, e) -> e.statement().errorClass() != ErrorClass.CONSTRAINT_VIOLATION ? null
                    : e.finding(self, Status.BLOCK, e.failedHead() + " (existing rows violate it)", self.advice()));
    public static final Rule STATEMENT_FAILED = Rule.minted("statement-failed", Category.MISSING_ROLLBACK, Status.BLOCK,
            ALL_ENGINES, "the statement failed; the deploy would stop there", "Fix the statement and rehearse again.",
            "Any other error: the migration stops at this statement.", "the error the server raised")
            .withOnFailure((self, e) -> new Report.Finding(self.id(),
                    e.rule() != null ? e.rule().category() : self.category(), Status.BLOCK, e.statement().index(),
                    e.failedHead() + "; the deploy would stop here", self.advice()));

    public static final Rule PARTIAL_MIGRATION = Rule.minted("partial-migration", Category.MISSING_ROLLBACK,
            Status.BLOCK, ALL_ENGINES, "a migration failed after some of its statements had committed",
            "Make the migration transactional, or split its non-transactional statements into migrations of their own.",
            "Statements outside a transaction commit one by one: a failure part-way leaves the database half-migrated.",
            "which statements had committed when one failed");

    public static final Rule MIGRATION_REFUSED = Rule.minted("migration-refused", Category.MISSING_ROLLBACK,
            Status.BLOCK, ALL_ENGINES, "the migration tool would refuse the migration",
            "Change the migration the way its tool asks (the message says how), and rehearse again.",
            "The tool checks a migration before it sends anything (Flyway refuses one that mixes transactional and"
                    + " non-transactional statements): the deploy stops there and nothing of it, or after it, runs.",
            "the tool's own rule, applied to the migration as read");
    public static final Rule UNTRANSLATED = Rule.minted("untranslated", Category.LOCK_CONTENTION, Status.FLAG,
            ALL_ENGINES, "a part of the migration could not be turned into the SQL its tool sends",
            "Write that part as SQL the tool runs as written (execute in Rails), or rehearse it by hand.",
            "The source reads the tool's own language (Rails' schema DSL); a call it cannot translate was not"
                    + " rehearsed, so whatever it locks or breaks is unknown.", "nothing: it was not run");

    /** The findings of a migration's source problems, at their lines: what lint and run report alike. */
    public static List<Report.Finding> problems(dev.rehearse.migrate.Migration m) {
        List<Report.Finding> out = new java.util.ArrayList<>();
        for (dev.rehearse.migrate.Migration.Problem p : m.problems()) {
            Rule r = p.refused() ? MIGRATION_REFUSED : UNTRANSLATED;
            out.add(new Report.Finding(r.id(), r.category(), r.severity(), null, m.name()
                    + (p.line() == null ? "" : ":" + p.line()) + ": " + p.message(), r.advice(), m.name(), p.line(), null));
        }
        return out;
    }

    public static final Rule ROLLBACK_FAILS = Rule.minted("rollback-fails", Category.MISSING_ROLLBACK, Status.FLAG,
            ALL_ENGINES, "the migration's down fails on the data its up left",
            "Fix the down and rehearse again: a rollback that fails leaves no way back during an incident.",
            "After the ups, rehearse runs each down (the last migration's first) on the same data, as a rollback of"
                    + " the deploy would; this one failed.", "the down, run as its tool runs it, and the server's error");
    public static final Rule ROLLBACK_LOSES_DATA = Rule.minted("rollback-loses-data", Category.DATA_LOSS, Status.FLAG,
            ALL_ENGINES, "rolling the migration back removes data",
            "Keep what the down would drop (copy it aside, or make the down leave the column), or accept the loss"
                    + " knowingly.",
            "The down removes a column or table that holds values by the time a rollback runs: what the application"
                    + " wrote there since the up is lost.",
            "the columns present before and after the down, and their non-null values counted before it ran");

    public static final Rule UNTERMINATED_TRANSACTION = Rule.minted("unterminated-transaction", Category.MISSING_ROLLBACK,
            Status.FLAG, ALL_ENGINES, "the file opens a transaction it never ends",
            "End the file's transaction with COMMIT (or leave the wrapping to the tool and drop the BEGIN).",
            "A BEGIN that nothing in the file commits leaves the outcome to the tool: psql rolls the changes back when"
                    + " it exits, a tool that wraps the file commits them with its own transaction.",
            "the file's own transaction statements, in order");

    public static final Rule UNKNOWN_SUPPRESSION = Rule.minted("unknown-suppression", Category.LOCK_CONTENTION,
            Status.FLAG, ALL_ENGINES, "a rehearse:ignore comment names no known rule",
            "Name a rule id from docs/patterns/ (the suppression has no effect until then).",
            "A suppression of a misspelt id silences nothing; it is reported with the nearest id.", "nothing");
    public static final Rule SUPPRESSION_WITHOUT_REASON = Rule.minted("suppression-without-reason",
            Category.LOCK_CONTENTION, Status.FLAG, ALL_ENGINES, "a rehearse:ignore comment gives no reason",
            "Say why the finding is safe here: -- rehearse:ignore RULE <reason>",
            "A suppression must say why, for the reviewer who reads it later; without a reason it does not apply.",
            "nothing");

    /** Judged for every statement after its hazard, before the rule that names it. */
    public static final List<Rule> WORKLOAD = List.of(BLOCKED_QUERIES, LATENCY_REGRESSION, APPLICATION_ERRORS,
            INDEX_USED_BY_WORKLOAD);

    /** Judged for every statement after the rule that names it. */
    public static final List<Rule> VOLUME = List.of(CommonRules.UNBATCHED_BACKFILL, WAL_VOLUME, REPLICATION_LAG);

    /** A failed statement's meaning, after the engine catalog's own failure checks; the last always answers. */
    public static final List<Rule> FAILURES = List.of(STATEMENT_DEADLINE, LOCK_TIMEOUT, STATEMENT_TIMEOUT, ALGORITHM_REFUSED,
            CONSTRAINT_VIOLATION, STATEMENT_FAILED);

    public static final List<Rule> ALL = List.of(TABLE_REWRITE_UNDER_LOCK, FULL_SCAN_UNDER_LOCK, LONG_LOCK_HOLD,
            BLOCKED_QUERIES, LATENCY_REGRESSION, APPLICATION_ERRORS, INDEX_USED_BY_WORKLOAD, WAL_VOLUME, REPLICATION_LAG,
            STATEMENT_DEADLINE, LOCK_TIMEOUT, STATEMENT_TIMEOUT, ALGORITHM_REFUSED,
            CONSTRAINT_VIOLATION, STATEMENT_FAILED, PARTIAL_MIGRATION, MIGRATION_REFUSED, UNTRANSLATED, ROLLBACK_FAILS, ROLLBACK_LOSES_DATA, UNTERMINATED_TRANSACTION, UNKNOWN_SUPPRESSION, SUPPRESSION_WITHOUT_REASON);
}
