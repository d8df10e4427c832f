package dev.rehearse.analyze;

import dev.rehearse.dialect.Rule;
import dev.rehearse.model.Quantities;
import dev.rehearse.model.Status;
import dev.rehearse.model.Category;
import dev.rehearse.model.Verdict;
import dev.rehearse.load.Latencies;
import dev.rehearse.load.LoadEvent;
import dev.rehearse.dialect.Dialect;
import dev.rehearse.migrate.ErrorClass;
import dev.rehearse.migrate.ExecutedStatement;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationRun;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.model.Report;
import dev.rehearse.scenario.Scenario;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns what was measured into the report's judgement: per statement the joined facts, then findings
 * from the rule catalog sized by measurement against the thresholds, the eight categories and the verdict.
 * Anything whose cost grows with the table (a scan or rewrite under a lock that blocks reads or writes)
 * is at least FLAG however fast it was here, because it will not be fast at production size.
 */
public final class Analyzer {

    /** What the analysis reads: the run's settings, the recording and the engine's dialect. */
    public record Input(Scenario scenario, MigrationRun run, List<dev.rehearse.observe.LockSample> samples,
                        List<LoadEvent> events, boolean loadRan, long originNanos, long baselineFrom,
                        long baselineTo, Dialect dialect) {

        List<Rule> rules() {
            return dialect.rules();
        }

        String blocks(String mode) {
            return dialect.lockMode(mode).blocks().id();
        }
    }

    public record Analysis(List<Report.StatementReport> statements, List<Report.Finding> findings,
                           List<Report.CategoryResult> categories, Verdict verdict, String reason) {}

    private final Scenario.Thresholds t;
    private final java.util.Set<String> exclude;

    public Analyzer(Scenario.Thresholds thresholds) {
        this(thresholds, java.util.Set.of());
    }

    /** @param exclude rule ids the project accepts (.rehearse.yaml): listed as suppressed, not counted */
    public Analyzer(Scenario.Thresholds thresholds, java.util.Set<String> exclude) {
        this.t = thresholds;
        this.exclude = exclude;
    }

    public Analysis analyze(Input in) {
        MigrationRun run = in.run();
        StatementEvidence.Recording rec = new StatementEvidence.Recording(run.session(), run.tableRows(),
                in.samples(), in.events(), in.loadRan(), in.baselineFrom(), in.baselineTo(),
                in.scenario().observe().lockSampleIntervalMs() * 1_000_000L, in::blocks);
        Double baselineP99 = in.loadRan() ? Latencies.percentile(Latencies.within(rec.events(), rec.baselineFrom(), rec.baselineTo()), 99) : null;

        List<Report.StatementReport> reports = new ArrayList<>();
        List<Report.Finding> findings = new ArrayList<>();
        List<ExecutedStatement> statements = run.statements();
        Map<java.nio.file.Path, String> fileTexts = new java.util.HashMap<>();
        for (int i = 0; i < statements.size(); i++) {
            ExecutedStatement s = statements.get(i);
            long errorsUntil = i + 1 < statements.size() ? statements.get(i + 1).startNanos() : Long.MAX_VALUE;
            Report.StatementReport report = statementReport(s, window(statements, i, in::blocks), rec, in, baselineP99, errorsUntil);
            reports.add(report);
            // locks this statement's transaction took in earlier statements are held while it runs
            List<Report.Lock> heldBefore = new ArrayList<>();
            for (int j = i - 1; j >= 0 && sameTransaction(statements.get(j), s); j--) heldBefore.addAll(reports.get(j).locks());
            findings.addAll(located(s, findingsFor(s, report, heldBefore, rec, in), fileTexts));
        }
        findings.addAll(migrationFindings(run, in));
        List<Report.CategoryResult> categories = categories(findings.stream().filter(Report.Finding::counts).toList(),
                reports, in);
        Status worst = findings.stream().filter(Report.Finding::counts).map(Report.Finding::status)
                .reduce(Status.PASS, Status::max);
        Verdict verdict = Verdict.of(worst);
        return new Analysis(reports, findings, categories, verdict, reason(verdict, findings.stream().filter(Report.Finding::counts).toList(), reports));
    }

    /**
     * The statement's file and line on each of its findings, the rule's claim in the message, and the user's
     * suppressions ({@code -- rehearse:ignore RULE reason} before it, {@code -- rehearse:ignore-file} in its file,
     * {@code exclude} in .rehearse.yaml): a suppressed finding is listed but does not count.
     */
    private List<Report.Finding> located(ExecutedStatement s, List<Report.Finding> found,
                                         Map<java.nio.file.Path, String> fileTexts) {
        if (found.isEmpty()) return found;
        String text = s.migration().file() == null ? null : fileTexts.computeIfAbsent(s.migration().file(), f -> {
            try {
                return java.nio.file.Files.readString(f);
            } catch (java.io.IOException | RuntimeException e) {
                return "";
            }
        });
        Map<String, Report.Suppressed> ignores = Linter.suppressionsFor(s.statement(), text);
        List<Report.Finding> out = new ArrayList<>();
        for (Report.Finding f : found) {
            Report.Suppressed sup = ignores.get(f.rule());
            if (sup == null && exclude.contains(f.rule())) sup = new Report.Suppressed("config", "excluded in the project configuration");
            out.add(new Report.Finding(f.rule(), f.category(), f.status(), f.statementIndex(), f.message(), f.action(),
                    s.migration().name(), s.statement().line(), sup));
        }
        return out;
    }

    /** Statements of one transaction share its end; each answers for what began while it ran. */
    private static StatementEvidence.Window window(List<ExecutedStatement> statements, int i,
                                                   java.util.function.Function<String, String> blocks) {
        ExecutedStatement s = statements.get(i);
        int first = i, last = i;
        while (first > 0 && sameTransaction(statements.get(first - 1), s)) first--;
        while (last + 1 < statements.size() && sameTransaction(s, statements.get(last + 1))) last++;
        // Per relation, the statement with the strongest lock on it; the earliest wins a tie.
        Map<String, Integer> owners = new java.util.HashMap<>();
        Map<String, Integer> strength = new java.util.HashMap<>();
        for (int j = first; j <= last; j++) {
            ExecutedStatement t = statements.get(j);
            if (t.facts() == null) continue;
            for (var l : t.facts().locksAcquired()) {
                int rank = List.of("none", "writes", "reads_writes").indexOf(blocks.apply(l.mode()));
                if (rank > strength.getOrDefault(l.relation(), -1)) {
                    strength.put(l.relation(), rank);
                    owners.put(l.relation(), t.index());
                }
            }
        }
        long to = i < last ? statements.get(i + 1).startNanos() : s.transactionEndNanos();
        return new StatementEvidence.Window(s.index(), statements.get(first).startNanos(), s.startNanos(), to,
                s.transactionEndNanos(), owners);
    }


    private static boolean sameTransaction(ExecutedStatement a, ExecutedStatement b) {
        return a.inTransaction() && b.inTransaction() && a.transactionEndNanos() == b.transactionEndNanos();
    }

    private Report.StatementReport statementReport(ExecutedStatement s, StatementEvidence.Window window,
                                                   StatementEvidence.Recording rec, Input in,
                                                   Double baselineP99, long errorsUntil) {
        List<Report.Lock> locks = StatementEvidence.locks(s, rec, errorsUntil);
        Report.Impact impact = null;
        if (in.loadRan()) {
            long[] blocked = StatementEvidence.blocked(window, rec);
            // A statement that took a lock blocking reads or writes is felt until its transaction ends.
            boolean holdsBlocking = window.owners().containsValue(s.index()) && locks.stream()
                    .anyMatch(l -> !l.blocks().equals("none") && rec.tableRows().containsKey(l.relation()));
            List<LoadEvent> during = Latencies.overlapping(rec.events(), window.from(),
                    holdsBlocking ? window.transactionEnd() : window.to());
            int errors = (int) rec.events().stream()
                    .filter(e -> e.error() != null && e.endNanos() >= s.startNanos() && e.endNanos() < errorsUntil)
                    .count();
            impact = new Report.Impact((int) blocked[0], blocked[1], Latencies.percentile(during, 99), baselineP99, errors,
                    during.size());
        }
        var f = s.facts();
        return new Report.StatementReport(s.index(), s.migration().name(), s.statement().line(), s.statement().sql(),
                s.inTransaction(), Math.round((s.startNanos() - in.originNanos()) / 1e6),
                StatementEvidence.ms(s.endNanos() - s.startNanos()), s.error(), s.rowsAffected(), locks,
                f == null ? List.of() : existing(f.rewrote(), rec), f == null ? List.of() : f.indexesRebuilt(),
                f == null ? List.of() : existing(f.scanned(), rec), f == null ? null : f.walBytes(), null, impact,
                estimate(s, rec, in));
    }

    private static List<String> existing(List<String> relations, StatementEvidence.Recording rec) {
        return relations.stream().filter(rec.tableRows()::containsKey).toList();
    }

    /** Linear in rows from the largest table the statement rewrote or scanned. */
    private static Report.Estimate estimate(ExecutedStatement s, StatementEvidence.Recording rec, Input in) {
        List<String> grew = StatementEvidence.grew(s, rec);
        if (grew.isEmpty() || s.failed()) return null;
        String table = grew.stream().max((a, b) -> Long.compare(rec.tableRows().get(a), rec.tableRows().get(b))).get();
        long rows = rec.tableRows().get(table);
        double msPerMillion = (s.endNanos() - s.startNanos()) / 1e6 / (rows / 1e6);
        Long production = productionRows(in, table);
        return new Report.Estimate(table, rows, Math.round(msPerMillion * 10) / 10.0, production,
                production == null ? null : Math.round(msPerMillion * production / 1e6));
    }

    private static Long productionRows(Input in, String table) {
        for (var e : in.scenario().data().tables().entrySet()) {
            String name = in.dialect().displayName(e.getKey());
            if (name.equals(table) && e.getValue().productionRows() != null) return e.getValue().productionRows();
        }
        return null;
    }

    private List<Report.Finding> findingsFor(ExecutedStatement s, Report.StatementReport r, List<Report.Lock> heldBefore,
                                             StatementEvidence.Recording rec, Input in) {
        List<Report.Finding> out = new ArrayList<>();
        Rule.Words words = new Rule.Words(s.statement().sql(), in.dialect().words(s.statement().sql()));
        Rule rule = Rules.match(in.rules(), words).orElse(null);
        String what = "statement " + s.index() + " (" + s.migration().name() + ":" + s.statement().line() + ")";
        if (s.failed()) {
            out.add(failure(s, words, rule, what, in));
            return out;
        }
        if (s.statement().kind() == SqlStatement.Kind.TRANSACTION_CONTROL) return out; // holds nothing itself
        Report.Impact impact = r.impact();
        long longestWait = impact == null || impact.maxBlockedMs() == null ? 0 : impact.maxBlockedMs();
        List<Report.Lock> blocking = new ArrayList<>(r.locks().stream()
                .filter(l -> !l.blocks().equals("none") && rec.tableRows().getOrDefault(l.relation(), 0L) > 0).toList());
        if (rule == null && words.startsWith("ALTER", "TABLE") && words.has("VALIDATE", "CONSTRAINT")) {
            // VALIDATE scans under its weak lock, unless its transaction still holds ADD CONSTRAINT's strong one
            List<Report.Lock> earlier = heldBefore.stream()
                    .filter(l -> !l.blocks().equals("none") && rec.tableRows().getOrDefault(l.relation(), 0L) > 0).toList();
            if (!earlier.isEmpty()) {
                rule = Rules.byId(in.rules(), "validate-in-same-transaction");
                blocking.addAll(earlier);
            }
        }
        long longestHold = blocking.stream().mapToLong(l -> l.heldMs() == null ? 0 : l.heldMs()).max().orElse(0);
        // TRUNCATE replaces storage and DROP frees it: neither grows with the table, whatever relfilenode says.
        List<String> grew = rule != null && !rule.growsWithTable() ? List.of() : StatementEvidence.grew(s, rec).stream()
                .filter(tb -> blocking.stream().anyMatch(l -> l.relation().equals(tb))).toList();

        // The statement's own hazard: growth under a blocking lock, or a long blocking hold.
        Status status = Status.PASS;
        if (!grew.isEmpty()) status = Status.FLAG;
        if (r.estimate() != null && r.estimate().productionMs() != null && !grew.isEmpty()
                && r.estimate().productionMs() >= t.lockHoldBlockMs()) status = Status.BLOCK;
        status = status.max(level(longestHold, t.lockHoldFlagMs(), t.lockHoldBlockMs()));
        boolean queriesWaited = longestWait >= t.queryWaitFlagMs();
        Status waitStatus = level(longestWait, t.queryWaitFlagMs(), t.queryWaitBlockMs());
        boolean ownCategoryIsLocks = rule == null || rule.category() == Category.LOCK_CONTENTION;
        if (ownCategoryIsLocks) status = status.max(waitStatus);
        if (status != Status.PASS) {
            Category category = rule != null ? rule.category() : Category.LOCK_CONTENTION;
            String id = rule != null ? rule.id() : !grew.isEmpty() && !r.rewrote().isEmpty() ? "table-rewrite-under-lock"
                    : !grew.isEmpty() ? "full-scan-under-lock" : "long-lock-hold";
            out.add(new Report.Finding(id, category, status, s.index(),
                    what + " " + evidence(r, blocking, grew, rec) + waits(impact)
                            + (rule != null ? " [" + rule.id() + ": " + rule.title() + "]" : ""),
                    rule != null ? rule.rewrite().apply(words)
                            : "Do the work without holding a lock that blocks reads or writes for long: split it,"
                            + " batch it, or use the engine's online form; set lock_timeout."));
        }
        if (queriesWaited && !ownCategoryIsLocks) {
            out.add(new Report.Finding("blocked-queries", Category.LOCK_CONTENTION, waitStatus, s.index(),
                    what + " blocked " + plural(impact.blockedQueries(), "application query", "application queries")
                            + ", the longest for "
                            + impact.maxBlockedMs() + " ms", rule.advice()));
        }
        if (!queriesWaited && status == Status.PASS && latencyRegressed(impact)) {
            out.add(new Report.Finding("latency-regression", Category.LOCK_CONTENTION, Status.FLAG, s.index(),
                    what + " raised application p99 latency to " + fmt(impact.p99Ms()) + " ms from a baseline of "
                            + fmt(impact.baselineP99Ms()) + " ms", "Run it off-peak or throttle it; check what it contends on."));
        }
        if (impact != null && impact.errors() != null && impact.errors() > 0) {
            String first = rec.events().stream().filter(e -> e.error() != null && e.endNanos() >= s.startNanos())
                    .map(LoadEvent::error).findFirst().orElse("");
            out.add(new Report.Finding("application-errors", Category.CONCURRENT_WRITE_HAZARDS, Status.BLOCK, s.index(),
                    plural(impact.errors(), "application query", "application queries") + " failed after " + what
                            + ": " + first,
                    rule != null ? rule.advice() : "Change the schema in a way the running application version tolerates (expand, migrate, contract)."));
        }
        if (rule != null && rule.category() == Category.DATA_LOSS) {
            String table = words.table();
            long rows = rec.tableRows().getOrDefault(table, 0L);
            if (rows > 0) {
                out.add(new Report.Finding(rule.id(), Category.DATA_LOSS, Status.FLAG, s.index(),
                        what + " " + rule.title().toLowerCase(Locale.ROOT) + ": " + table + " held ~"
                                + String.format(Locale.ROOT, "%,d", rows) + " rows", rule.rewrite().apply(words)));
            }
        }
        if (rule != null && rule.id().equals("rename") && rec.tableRows().containsKey(words.table())) {
            out.add(new Report.Finding(rule.id(), rule.category(), Status.FLAG, s.index(),
                    what + " renames in place; the application version still running uses the old name",
                    rule.rewrite().apply(words)));
        }
        if (s.rowsAffected() != null && s.rowsAffected() >= t.backfillRowsFlag()) {
            Rule backfill = Rules.byId(in.rules(), "unbatched-backfill");
            out.add(new Report.Finding(backfill.id(), backfill.category(), Status.FLAG, s.index(),
                    what + " changed " + String.format(Locale.ROOT, "%,d", s.rowsAffected())
                            + " rows in one transaction, holding their row locks for "
                            + StatementEvidence.ms(s.transactionEndNanos() - s.startNanos()) + " ms",
                    backfill.rewrite().apply(words)));
        }
        // Without a replica, lag cannot be measured; only WAL measured over the threshold is a finding. The
        // projection to production rows goes into the category text: it informs, but the online forms
        // (CREATE INDEX CONCURRENTLY) write it too and have no safer alternative.
        Long wal = r.walBytes();
        if (wal != null && wal >= t.walBytesFlag()) {
            out.add(new Report.Finding("wal-volume", Category.REPLICATION_LAG, Status.FLAG, s.index(),
                    what + " wrote " + Quantities.bytes(wal) + " of WAL; replicas must replay it serially",
                    "Batch the change so replicas keep up; watch replica lag during the deploy."));
        }
        return out;
    }

    private Report.Finding failure(ExecutedStatement s, Rule.Words words, Rule rule, String what, Input in) {
        ErrorClass error = s.errorClass() == null ? ErrorClass.OTHER : s.errorClass();
        String head = what + " failed: " + s.error();
        if (error == ErrorClass.NOT_IN_TRANSACTION) {
            Rule r = Rules.byId(in.rules(), "concurrently-in-transaction");
            return new Report.Finding(r.id(), r.category(), Status.BLOCK, s.index(),
                    head + " (the migration ran inside a transaction block)", r.rewrite().apply(words));
        }
        if (error == ErrorClass.LOCK_TIMEOUT) {
            return new Report.Finding("lock-timeout", Category.LOCK_CONTENTION, Status.BLOCK, s.index(),
                    head + " (lock_timeout " + in.scenario().migrations().lockTimeoutMs() + " ms)",
                    "Find what holds the lock (long transactions), retry the migration with backoff, or deploy off-peak.");
        }
        if (error == ErrorClass.STATEMENT_TIMEOUT) {
            return new Report.Finding("statement-timeout", Category.LOCK_CONTENTION, Status.BLOCK, s.index(), head,
                    rule != null ? rule.rewrite().apply(words) : "Split or batch the statement so it fits statement_timeout.");
        }
        if (error == ErrorClass.CONSTRAINT_VIOLATION) {
            return new Report.Finding("constraint-violation", Category.CONSTRAINT_VALIDATION, Status.BLOCK, s.index(),
                    head + " (existing rows violate it)",
                    "Fix the existing rows first (a batched backfill), then add the constraint NOT VALID and VALIDATE it.");
        }
        return new Report.Finding("statement-failed", rule != null ? rule.category() : Category.MISSING_ROLLBACK,
                Status.BLOCK, s.index(), head + "; the deploy would stop here",
                "Fix the statement and rehearse again.");
    }

    private List<Report.Finding> migrationFindings(MigrationRun run, Input in) {
        List<Report.Finding> out = new ArrayList<>();
        for (Migration m : run.partiallyApplied()) {
            out.add(new Report.Finding("partial-migration", Category.MISSING_ROLLBACK, Status.BLOCK, null,
                    m.name() + " failed after some of its statements had committed (it ran outside a transaction);"
                            + " the database is left half-migrated" + (m.rollback() == null ? " and it has no rollback script" : ""),
                    "Make the migration transactional, or split its non-transactional statements into migrations of their own."));
        }
        for (Migration m : run.statements().stream().map(ExecutedStatement::migration).distinct().toList()) {
            // Statements that committed one by one; a file that sets its own BEGIN/COMMIT chose its boundaries.
            long autocommitted = run.statements().stream().filter(x -> x.migration() == m && !x.inTransaction()
                    && x.statement().kind() != SqlStatement.Kind.TRANSACTION_CONTROL).count();
            long changes = m.statements().stream().filter(x -> x.kind() != SqlStatement.Kind.TRANSACTION_CONTROL).count();
            if (autocommitted > 0 && changes > 1 && m.rollback() == null && !run.partiallyApplied().contains(m)) {
                out.add(new Report.Finding("no-rollback-non-transactional", Category.MISSING_ROLLBACK, Status.FLAG, null,
                        m.name() + " runs " + changes + " statements outside a transaction and has no rollback script:"
                                + " a failure part-way leaves it half-applied",
                        "Give each non-transactional statement its own migration, or add " + rollbackName(m) + "."));
            }
        }
        return out;
    }

    private static String rollbackName(Migration m) {
        String n = m.file().getFileName().toString();
        return n.substring(0, n.length() - 4) + ".down.sql";
    }

    private List<Report.CategoryResult> categories(List<Report.Finding> findings, List<Report.StatementReport> reports,
                                                   Input in) {
        Map<Category, List<Report.Finding>> by = new EnumMap<>(Category.class);
        for (Report.Finding f : findings) by.computeIfAbsent(f.category(), k -> new ArrayList<>()).add(f);
        List<Report.CategoryResult> out = new ArrayList<>();
        for (Category c : Category.values()) {
            List<Report.Finding> fs = by.getOrDefault(c, List.of());
            if (fs.isEmpty()) {
                out.add(new Report.CategoryResult(c, Status.PASS, passIssue(c, reports, in), "None"));
                continue;
            }
            Report.Finding worst = fs.stream().reduce((a, b) -> b.status().ordinal() > a.status().ordinal() ? b : a).get();
            Status status = worst.status();
            String more = fs.size() > 1 ? " (+" + (fs.size() - 1) + " more)" : "";
            Rule rule = in.rules().stream().filter(r -> r.id().equals(worst.rule())).findFirst().orElse(null);
            String action = rule != null ? rule.advice() : worst.action().lines().findFirst().orElse("");
            out.add(new Report.CategoryResult(c, status, worst.message() + more, action));
        }
        return out;
    }

    private String passIssue(Category c, List<Report.StatementReport> reports, Input in) {
        long longestWait = reports.stream().map(Report.StatementReport::impact)
                .filter(i -> i != null && i.maxBlockedMs() != null).mapToLong(Report.Impact::maxBlockedMs).max().orElse(0);
        long maxWal = reports.stream().map(Report.StatementReport::walBytes).filter(w -> w != null)
                .mapToLong(Long::longValue).max().orElse(0);
        return switch (c) {
            case LOCK_CONTENTION -> in.loadRan()
                    ? "No application query waited " + t.queryWaitFlagMs() + " ms or more on a migration lock (longest "
                    + longestWait + " ms)"
                    : "No load was run, so no query could be blocked; no blocking lock was held "
                    + t.lockHoldFlagMs() + " ms or more";
            case CONCURRENT_WRITE_HAZARDS -> "No application query failed; no statement changed "
                    + String.format(Locale.ROOT, "%,d", t.backfillRowsFlag()) + "+ rows in one transaction";
            case MISSING_ROLLBACK -> "Every migration ran atomically or has a rollback script";
            case DATA_LOSS -> "No populated table or column was dropped or truncated";
            case REPLICATION_LAG -> "No replica rehearsed; largest WAL burst " + Quantities.bytes(maxWal) + projectedWal(reports);
            case CONSTRAINT_VALIDATION -> "No constraint validated existing rows under a blocking lock";
            case INDEX_DEPENDENCIES -> "No index was built or rebuilt under a lock that blocks writes";
            case FOREIGN_KEYS -> "No foreign key validated existing rows under a blocking lock";
        };
    }

    /** The largest WAL burst scaled to production rows, for statements whose work grows with a table. */
    private static String projectedWal(List<Report.StatementReport> reports) {
        long max = 0;
        for (Report.StatementReport r : reports) {
            Report.Estimate e = r.estimate();
            if (r.walBytes() == null || e == null || e.productionRows() == null || e.rehearsedRows() == 0) continue;
            max = Math.max(max, (long) (r.walBytes() * ((double) e.productionRows() / e.rehearsedRows())));
        }
        return max == 0 ? "" : " (about " + Quantities.bytes(max) + " at production rows)";
    }

    private static String reason(Verdict verdict, List<Report.Finding> findings, List<Report.StatementReport> reports) {
        if (verdict == Verdict.SAFE_TO_SHIP) {
            return reports.isEmpty() ? "there were no statements to rehearse"
                    : "no statement blocked queries, rewrote or scanned a populated table under a blocking lock, or failed";
        }
        Status target = verdict == Verdict.BLOCK ? Status.BLOCK : Status.FLAG;
        List<Report.Finding> worst = findings.stream().filter(f -> f.status() == target).toList();
        return worst.get(0).message() + (worst.size() > 1 ? " (and " + (worst.size() - 1) + " more "
                + target.name() + " finding" + (worst.size() > 2 ? "s" : "") + ")" : "");
    }

    private String evidence(Report.StatementReport r, List<Report.Lock> blocking, List<String> grew,
                            StatementEvidence.Recording rec) {
        StringBuilder b = new StringBuilder();
        if (!blocking.isEmpty()) {
            Report.Lock l = blocking.stream().max((x, y) -> Long.compare(nz(x.heldMs()), nz(y.heldMs()))).get();
            b.append("held ").append(l.mode()).append(" on ").append(l.relation()).append(" for ")
                    .append(l.heldMs()).append(" ms (blocks ").append(l.blocks().replace('_', '/')).append(")");
        }
        if (!grew.isEmpty()) {
            String table = grew.get(0);
            b.append(r.rewrote().contains(table) ? " while rewriting " : " while scanning ").append(table)
                    .append(String.format(Locale.ROOT, " (%,d rows)", rec.tableRows().get(table)));
        }
        Report.Estimate e = r.estimate();
        if (e != null && !grew.isEmpty()) {
            b.append(String.format(Locale.ROOT, "; %.1f ms per million rows", e.msPerMillionRows()));
            if (e.productionMs() != null) {
                b.append(String.format(Locale.ROOT, ", about %s at %,d rows", Quantities.duration(e.productionMs()), e.productionRows()));
            } else {
                b.append(", and it grows with the table");
            }
        }
        return b.toString();
    }

    private static String waits(Report.Impact impact) {
        if (impact == null || impact.blockedQueries() == null || impact.blockedQueries() == 0) return "";
        return "; " + plural(impact.blockedQueries(), "application query", "application queries")
                + " waited, the longest " + impact.maxBlockedMs() + " ms";
    }

    private static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** Below this many queries a window's "p99" is just its slowest query: noise, not a regression. */
    private static final int MIN_QUERIES_FOR_P99 = 50;

    private boolean latencyRegressed(Report.Impact i) {
        return i != null && i.p99Ms() != null && i.baselineP99Ms() != null && i.queries() != null
                && i.queries() >= MIN_QUERIES_FOR_P99
                && i.p99Ms() > i.baselineP99Ms() * t.p99Factor() && i.p99Ms() - i.baselineP99Ms() >= t.p99MinIncreaseMs();
    }

    private static Status level(long value, long flag, long block) {
        return value >= block ? Status.BLOCK : value >= flag ? Status.FLAG : Status.PASS;
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }

    private static String fmt(Double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

}
