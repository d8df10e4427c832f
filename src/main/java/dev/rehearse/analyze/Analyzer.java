package dev.rehearse.analyze;

import dev.rehearse.dialect.Rule;
import dev.rehearse.model.Quantities;
import dev.rehearse.model.Status;
import dev.rehearse.model.Category;
import dev.rehearse.model.Verdict;
import dev.rehearse.load.Latencies;
import dev.rehearse.load.LoadEvent;
import dev.rehearse.dialect.Dialect;
import dev.rehearse.dialect.Evidence;
import dev.rehearse.dialect.LockMode;
import dev.rehearse.dialect.MintedRules;
import dev.rehearse.migrate.ExecutedStatement;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationRun;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.model.Report;
import dev.rehearse.scenario.Scenario;

import java.util.ArrayList;
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
    /**
     * @param rollbacks the downs rehearsed after the ups; empty when none was
     * @param loadToNanos where the workload stops counting for the migrations (before the downs); null: its last query
     */
    public record Input(Scenario scenario, MigrationRun run, List<dev.rehearse.observe.LockSample> samples,
                        List<LoadEvent> events, boolean loadRan, long originNanos, long baselineFrom,
                        long baselineTo, Dialect dialect, List<Report.Plan> plans, List<Report.Rollback> rollbacks,
                        Long loadToNanos, Replica replica) {

        public Input {
            rollbacks = rollbacks == null ? List.of() : List.copyOf(rollbacks);
        }

        public Input(Scenario scenario, MigrationRun run, List<dev.rehearse.observe.LockSample> samples,
                     List<LoadEvent> events, boolean loadRan, long originNanos, long baselineFrom, long baselineTo,
                     Dialect dialect, List<Report.Plan> plans, List<Report.Rollback> rollbacks, Long loadToNanos) {
            this(scenario, run, samples, events, loadRan, originNanos, baselineFrom, baselineTo, dialect, plans,
                    rollbacks, loadToNanos, null);
        }

        public Input(Scenario scenario, MigrationRun run, List<dev.rehearse.observe.LockSample> samples,
                     List<LoadEvent> events, boolean loadRan, long originNanos, long baselineFrom, long baselineTo,
                     Dialect dialect, List<Report.Plan> plans) {
            this(scenario, run, samples, events, loadRan, originNanos, baselineFrom, baselineTo, dialect, plans, null, null);
        }

        public Input(Scenario scenario, MigrationRun run, List<dev.rehearse.observe.LockSample> samples,
                     List<LoadEvent> events, boolean loadRan, long originNanos, long baselineFrom, long baselineTo,
                     Dialect dialect) {
            this(scenario, run, samples, events, loadRan, originNanos, baselineFrom, baselineTo, dialect, null);
        }

        List<Rule> rules() {
            return dialect.rules();
        }

        String blocks(String mode) {
            return dialect.lockMode(mode).blocks().id();
        }

        int rank(String mode) {
            return dialect.lockMode(mode).rank();
        }

        boolean conflicts(String held, String requested) {
            return dialect.lockMode(held).conflictsWith(dialect.lockMode(requested));
        }
    }

    /**
     * The replica the run rehearsed, as the analysis reads it.
     *
     * @param samples the replication series ({@link dev.rehearse.observe.Timeline#REPLICATION}), in time order
     * @param model how the engine applied the replica's settings
     * @param intervalNanos the sampler's nominal interval
     * @param achievedIntervalMs the median interval it achieved; null before two samples
     * @param reads the workload's queries sent to the replica; null when none were
     * @param cancelled of those, the ones the replica cancelled for a conflict with what it applied; null when none
     *                  were sent (the server's own counter is read instead)
     */
    public record Replica(List<dev.rehearse.observe.Series.Point<dev.rehearse.observe.ReplicationSample>> samples,
                          String model, long intervalNanos, Double achievedIntervalMs, List<LoadEvent> reads,
                          Long cancelled, List<Report.BatchAdvice> batchTrials) {

        /** @param batchTrials backfills rehearsed in batches against the replica ({@code replica.tune_batches}) */
        public Replica {
            batchTrials = batchTrials == null ? List.of() : List.copyOf(batchTrials);
        }

        public Replica(List<dev.rehearse.observe.Series.Point<dev.rehearse.observe.ReplicationSample>> samples,
                       String model, long intervalNanos, Double achievedIntervalMs, List<LoadEvent> reads,
                       Long cancelled) {
            this(samples, model, intervalNanos, achievedIntervalMs, reads, cancelled, List.of());
        }

        /** The measured advice for one statement; null when it was not rehearsed in batches. */
        Report.BatchAdvice trialOf(int statementIndex) {
            return batchTrials.stream().filter(b -> b.statementIndex() == statementIndex).findFirst().orElse(null);
        }
    }

    /**
     * @param migrations each migration's workload before, during and after it; empty without load
     * @param replication the report's replication section
     */
    public record Analysis(List<Report.StatementReport> statements, List<Report.Finding> findings,
                           List<Report.CategoryResult> categories, Verdict verdict, String reason,
                           List<Report.MigrationTraffic> migrations, Report.Replication replication) {

        public Analysis(List<Report.StatementReport> statements, List<Report.Finding> findings,
                        List<Report.CategoryResult> categories, Verdict verdict, String reason,
                        List<Report.MigrationTraffic> migrations) {
            this(statements, findings, categories, verdict, reason, migrations, null);
        }
    }

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
                in.scenario().observe().lockSampleIntervalMs() * 1_000_000L, in::blocks, in::rank, in::conflicts);
        Double baselineP99 = in.loadRan() ? Latencies.percentile(Latencies.within(rec.events(), rec.baselineFrom(), rec.baselineTo()), 99) : null;

        List<Report.StatementReport> reports = new ArrayList<>();
        List<Report.Finding> findings = new ArrayList<>();
        List<ExecutedStatement> statements = run.statements();
        Map<Migration, Suppressions> suppressions = new java.util.HashMap<>();
        List<List<Report.Lock>> locks = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) locks.add(StatementEvidence.locks(statements.get(i), rec, errorsUntil(statements, i)));
        long loadTo = in.loadToNanos() != null ? in.loadToNanos()
                : in.events().stream().mapToLong(LoadEvent::endNanos).max().orElse(in.baselineTo());
        List<MigrationWindows.Window> windows = in.loadRan()
                ? MigrationWindows.of(statements, in.baselineFrom(), loadTo) : List.of();
        Map<Integer, List<LockWaits.Episode>> waits = in.loadRan()
                ? StatementEvidence.attribute(statements, locks, rec) : Map.of();
        ReplicationLag lag = new ReplicationLag(in.replica() == null ? null : in.replica().samples(),
                in.replica() == null ? 0 : in.replica().intervalNanos());
        List<ReplicationLag.Span> spans = ReplicationLag.spans(statements);
        for (int i = 0; i < statements.size(); i++) {
            ExecutedStatement s = statements.get(i);
            Report.StatementReport report = statementReport(s, window(statements, i, in::blocks), locks.get(i),
                    waits.getOrDefault(s.index(), List.of()), rec, in, baselineP99, errorsUntil(statements, i),
                    lag.maxLagMs(spans.get(i)));
            reports.add(report);
            // locks this statement's transaction took in earlier statements are held while it runs
            List<Report.Lock> heldBefore = new ArrayList<>();
            for (int j = i - 1; j >= 0 && sameTransaction(statements.get(j), s); j--) heldBefore.addAll(reports.get(j).locks());
            findings.addAll(located(s, findingsFor(s, report, heldBefore, rec, in,
                    around(MigrationWindows.holding(windows, s.index()))), suppressions));
        }
        findings.addAll(migrationFindings(run, in));
        List<Report.Finding> counted = findings.stream().filter(Report.Finding::counts).toList();
        Report.Replication replication = replication(lag, statements, reports, in);
        List<Report.CategoryResult> categories = Judgement.categories(counted, c -> passIssue(c, reports, in, replication),
                Report.Finding::message);
        Verdict verdict = Judgement.verdict(counted);
        return new Analysis(reports, findings, categories, verdict, reason(verdict, counted, reports),
                windows.stream().map(w -> MigrationWindows.traffic(w, in.events())).toList(), replication);
    }

    /** The report's replication section: measured from the series when a replica ran, projected from WAL either way. */
    private Report.Replication replication(ReplicationLag lag, List<ExecutedStatement> statements,
                                           List<Report.StatementReport> reports, Input in) {
        Replica r = in.replica();
        if (r == null) return lag.section(in.scenario(), statements, reports, null, null, null, null, null, null);
        Long stale = null, waitMs = null;
        if (r.reads() != null) {
            List<LoadEvent> onReplica = r.reads();
            stale = onReplica.stream().filter(e -> {
                Long at = lag.lagAt(e.startNanos());
                return at != null && at >= t.replicationLagFlagMs();
            }).count();
            // a replica read's wait behind replay: its latency past the replica reads' own median before the migrations
            Double usual = Latencies.percentile(Latencies.within(onReplica, in.baselineFrom(), in.baselineTo()), 50);
            double maxMs = onReplica.stream().filter(e -> e.error() == null).mapToDouble(LoadEvent::latencyMs).max().orElse(0);
            waitMs = usual == null ? null : Math.max(0, Math.round(maxMs - usual));
        }
        return lag.section(in.scenario(), statements, reports, r.model(),
                r.reads() == null ? null : (long) r.reads().size(), stale, r.cancelled(),
                waitMs, r.achievedIntervalMs(), r.batchTrials());
    }

    private static Evidence.Around around(MigrationWindows.Window w) {
        return w == null ? null : new Evidence.Around(w.beforeFrom(), w.startNanos(), w.endNanos(), w.afterTo());
    }

    /**
     * The statement's file and line on each of its findings, the rule's claim in the message, and the user's
     * suppressions ({@code -- rehearse:ignore RULE reason} before it, {@code -- rehearse:ignore-file} in its file,
     * {@code exclude} in .rehearse.yaml): a suppressed finding is listed but does not count.
     */
    private List<Report.Finding> located(ExecutedStatement s, List<Report.Finding> found,
                                         Map<Migration, Suppressions> suppressions) {
        if (found.isEmpty()) return found;
        Suppressions sup = suppressions.computeIfAbsent(s.migration(), m -> Suppressions.of(m, exclude));
        Map<String, String> ignores = sup.statement(s.statement(), new ArrayList<>()); // lint reports malformed ones
        List<Report.Finding> out = new ArrayList<>();
        for (Report.Finding f : found) {
            out.add(sup.apply(new Report.Finding(f.rule(), f.category(), f.status(), f.statementIndex(), f.message(),
                    f.action(), s.migration().name(), s.statement().line(), null), ignores));
        }
        return out;
    }

    /** When the next statement started: the sampler's view of this one, and the errors it answers for, end there. */
    private static long errorsUntil(List<ExecutedStatement> statements, int i) {
        return i + 1 < statements.size() ? statements.get(i + 1).startNanos() : Long.MAX_VALUE;
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
        // its failed attempts (lock_retries) and what queued behind them are its own
        return new StatementEvidence.Window(s.index(), statements.get(first).startNanos(), StatementEvidence.firstStart(s), to,
                s.transactionEndNanos(), owners);
    }

    private static boolean sameTransaction(ExecutedStatement a, ExecutedStatement b) {
        return StatementEvidence.sameTransaction(a, b);
    }

    private Report.StatementReport statementReport(ExecutedStatement s, StatementEvidence.Window window,
                                                   List<Report.Lock> locks, List<LockWaits.Episode> waits,
                                                   StatementEvidence.Recording rec, Input in,
                                                   Double baselineP99, long errorsUntil, Long replicationLagMs) {
        long waited = StatementEvidence.waitedNanos(s, rec);
        Report.Impact impact = null;
        if (in.loadRan()) {
            long[] blocked = StatementEvidence.blocked(waits, rec);
            // A statement that took a lock blocking reads or writes is felt until its transaction ends.
            boolean holdsBlocking = window.owners().containsValue(s.index()) && locks.stream()
                    .anyMatch(l -> !l.blocks().equals("none") && rec.tableRows().containsKey(l.relation()));
            long until = holdsBlocking ? window.transactionEnd() : window.to();
            List<LoadEvent> during = Latencies.overlapping(rec.events(), window.from(), until);
            int errors = (int) rec.events().stream()
                    .filter(e -> e.error() != null && e.endNanos() >= s.startNanos() && e.endNanos() < errorsUntil)
                    .count();
            impact = new Report.Impact((int) blocked[0], blocked[1], Latencies.percentile(during, 99), baselineP99, errors,
                    during.size(), Latencies.traffic(rec.events(), window.from(), until));
        }
        var f = s.facts();
        return new Report.StatementReport(s.index(), s.migration().name(), s.statement().line(), s.statement().sql(),
                s.inTransaction(), Math.round((s.startNanos() - in.originNanos()) / 1e6),
                StatementEvidence.ms(s.endNanos() - s.startNanos()), s.error(),
                s.rowsAffected() != null || f == null ? s.rowsAffected() : f.rowsAffected(), locks,
                f == null ? List.of() : existing(f.rewrote(), rec), f == null ? List.of() : f.indexesRebuilt(),
                f == null ? List.of() : existing(f.scanned(), rec), f == null ? null : f.walBytes(), replicationLagMs, impact,
                estimate(s, waited, rec, in), rec.samples().isEmpty() ? null : StatementEvidence.ms(waited),
                s.queuedBehind(), s.earlierAttempts().stream().map(a -> new Report.Attempt(
                        Math.round((a.startNanos() - in.originNanos()) / 1e6), StatementEvidence.ms(a.endNanos() - a.startNanos()),
                        a.error())).toList(),
                f == null || f.alter() == null ? null : f.alter().algorithm(),
                f == null || f.alter() == null ? null : f.alter().rebuild(),
                f == null || f.alter() == null ? null : f.alter().concurrentDml());
    }

    private static List<String> existing(List<String> relations, StatementEvidence.Recording rec) {
        return relations.stream().filter(rec.tableRows()::containsKey).toList();
    }

    /**
     * Linear in rows from the largest table the statement rewrote or scanned. Only its work scales: the time it
     * waited for a lock someone else held ({@code waitedNanos}) depends on them, not on the table's size.
     */
    private static Report.Estimate estimate(ExecutedStatement s, long waitedNanos, StatementEvidence.Recording rec,
                                            Input in) {
        List<String> grew = StatementEvidence.grew(s, rec);
        if (grew.isEmpty() || s.failed()) return null;
        String table = grew.stream().max((a, b) -> Long.compare(rec.tableRows().get(a), rec.tableRows().get(b))).get();
        long rows = rec.tableRows().get(table);
        long work = Math.max(0, s.endNanos() - s.startNanos() - waitedNanos);
        double msPerMillion = work / 1e6 / (rows / 1e6);
        Long production = productionRows(in, table);
        return new Report.Estimate(table, rows, Math.round(msPerMillion * 10) / 10.0, production,
                production == null ? null : Math.round(msPerMillion * production / 1e6), StatementEvidence.ms(work));
    }

    private static Long productionRows(Input in, String table) {
        for (var e : in.scenario().data().tables().entrySet()) {
            String name = in.dialect().displayName(e.getKey());
            if (name.equals(table) && e.getValue().productionRows() != null) return e.getValue().productionRows();
        }
        return null;
    }

    /**
     * The statement's findings, each from a catalog entry's measured check: for a failed statement, what its error
     * means; otherwise its lock hazard (under the rule that names it, or what happened), the workload's view, the
     * naming rule's own check, then volume.
     */
    private List<Report.Finding> findingsFor(ExecutedStatement s, Report.StatementReport r, List<Report.Lock> heldBefore,
                                             StatementEvidence.Recording rec, Input in, Evidence.Around around) {
        Rule.Words words = new Rule.Words(s.statement().sql(), in.dialect().words(s.statement().sql()));
        Rule rule = null;
        // the first action of an ALTER TABLE that a rule names (DROP CONSTRAINT x, DROP COLUMN y is a drop-column)
        for (Rule.Words aw : in.dialect().actionWords(words)) {
            rule = Rules.match(in.rules(), aw).orElse(null);
            if (rule != null) {
                words = aw;
                break;
            }
        }
        String what = "statement " + s.index() + " (" + s.migration().name() + ":" + s.statement().line() + ")";
        List<Report.Lock> blocking = new ArrayList<>(populatedBlocking(r.locks(), rec));
        if (rule == null && !s.failed()) {
            List<Report.Lock> earlier = populatedBlocking(heldBefore, rec);
            for (Rule candidate : in.rules()) {
                if (candidate.matchesHolding() != null && candidate.matchesHolding().test(words, earlier)) {
                    rule = candidate;
                    blocking.addAll(earlier);
                    break;
                }
            }
        }
        Rule named = rule;
        // TRUNCATE replaces storage and DROP frees it: neither grows with the table, whatever relfilenode says.
        List<String> grew = named != null && !named.growsWithTable() ? List.of() : StatementEvidence.grew(s, rec).stream()
                .filter(tb -> blocking.stream().anyMatch(l -> l.relation().equals(tb))).toList();
        Evidence e = new Evidence(s, r, words, named, what, blocking, grew, rec.tableRows(), rec.events(), in.scenario(),
                in.plans() == null ? List.of() : in.plans(), around,
                in.replica() == null ? null : in.replica().trialOf(s.index()));

        List<Report.Finding> out = new ArrayList<>();
        // the engine's own wording of the rule where its catalog has one (MySQL's lock_wait_timeout)
        Rule queue = in.rules().stream().filter(x -> x.id().equals(dev.rehearse.dialect.CommonRules.MISSING_LOCK_TIMEOUT.id()))
                .findFirst().orElse(dev.rehearse.dialect.CommonRules.MISSING_LOCK_TIMEOUT);
        if (s.queuedBehind() != null) add(out, queue.measured().judge(queue, e)); // the lock queue, as rehearsed
        if (s.failed()) {
            List<Rule> failures = new ArrayList<>(in.rules());
            failures.addAll(MintedRules.FAILURES);
            for (Rule f : failures) {
                Report.Finding finding = f.onFailure() == null ? null : f.onFailure().judge(f, e);
                if (finding != null) {
                    out.add(finding);
                    return out;
                }
            }
            return out;
        }
        if (s.statement().kind() == SqlStatement.Kind.TRANSACTION_CONTROL) return out; // holds nothing itself
        add(out, MintedRules.HAZARD.judge(named, e));
        for (Rule m : MintedRules.WORKLOAD) add(out, m.measured().judge(m, e));
        boolean judgedForAll = named != null && (MintedRules.WORKLOAD.contains(named) || MintedRules.VOLUME.contains(named));
        if (named != null && named.measured() != null && !judgedForAll) add(out, named.measured().judge(named, e));
        for (Rule m : MintedRules.VOLUME) add(out, m.measured().judge(m, e));
        return out;
    }

    private static void add(List<Report.Finding> out, Report.Finding f) {
        if (f != null) out.add(f);
    }

    /** Locks that block the application, on tables that had rows, the strongest mode first (the engine's rank). */
    private static List<Report.Lock> populatedBlocking(List<Report.Lock> locks, StatementEvidence.Recording rec) {
        return locks.stream().filter(l -> !l.blocks().equals(LockMode.Blocks.NONE.id())
                        && rec.tableRows().getOrDefault(l.relation(), 0L) > 0)
                .sorted(java.util.Comparator.comparingInt((Report.Lock l) -> rec.rank().applyAsInt(l.mode())).reversed())
                .toList();
    }

    private List<Report.Finding> migrationFindings(MigrationRun run, Input in) {
        List<Report.Finding> out = new ArrayList<>();
        // what its source could not translate, or its tool would refuse: for every migration the run reached
        for (Migration m : run.reached()) {
            out.addAll(MintedRules.problems(m));
            Report.Finding open = Linter.unterminated(m, in.dialect());
            if (open != null) out.add(open);
        }
        for (Report.Rollback r : in.rollbacks()) {
            if (r.outcome().equals("failed")) {
                Rule fails = MintedRules.ROLLBACK_FAILS;
                out.add(new Report.Finding(fails.id(), fails.category(), Status.FLAG, null, "the down of " + r.migration()
                        + " fails on the data the up left: " + r.error() + "; a rollback would stop there", fails.advice(),
                        r.migration(), null, null));
            }
            if (!r.lost().isEmpty()) {
                Rule loses = MintedRules.ROLLBACK_LOSES_DATA;
                out.add(new Report.Finding(loses.id(), loses.category(), Status.FLAG, null, "rolling back "
                        + r.migration() + " removes " + String.join(", ", r.lost()) + ": what was written since the up is"
                        + " gone", loses.advice(), r.migration(), null, null));
            }
        }
        for (Migration m : run.partiallyApplied()) {
            Rule partial = MintedRules.PARTIAL_MIGRATION;
            String why = Linter.unprotectedByTransaction(m, in.dialect())
                    .map(lines -> "its tool's transaction does not protect them: " + in.dialect().kind().id()
                            + " commits implicitly before and after every DDL statement (line " + lines + ")")
                    .orElse("it ran outside a transaction");
            out.add(new Report.Finding(partial.id(), partial.category(), Status.BLOCK, null,
                    m.name() + " failed after some of its statements had committed (" + why + ");"
                            + " the database is left half-migrated" + (!m.hasRollback() ? " and it has no rollback script" : ""),
                    partial.advice()));
        }
        for (Migration m : run.statements().stream().map(ExecutedStatement::migration).distinct().toList()) {
            // Statements that committed one by one; a file that sets its own BEGIN/COMMIT chose its boundaries.
            long autocommitted = run.statements().stream().filter(x -> x.migration() == m && !x.inTransaction()
                    && x.statement().kind() != SqlStatement.Kind.TRANSACTION_CONTROL).count();
            long changes = m.statements().stream().filter(x -> Linter.changes(x, in.dialect())).count();
            if (autocommitted > 0 && changes > 1 && !m.hasRollback() && !run.partiallyApplied().contains(m)) {
                Rule noRollback = Rules.byId("no-rollback-non-transactional");
                String outside = Linter.unprotectedByTransaction(m, in.dialect())
                        .map(lines -> " statements its tool's transaction does not protect (" + in.dialect().kind().id()
                                + " commits implicitly at every DDL statement, line " + lines + ")")
                        .orElse(" statements outside a transaction");
                out.add(new Report.Finding(noRollback.id(), noRollback.category(), Status.FLAG, null,
                        m.name() + " runs " + changes + outside + " and has no rollback script:"
                                + " a failure part-way leaves it half-applied",
                        "Give each non-transactional statement its own migration, or add " + Linter.rollbackName(m) + "."));
            }
        }
        return out;
    }

    private String passIssue(Category c, List<Report.StatementReport> reports, Input in, Report.Replication replication) {
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
            case MISSING_ROLLBACK -> "Every migration ran atomically or has a rollback script" + rolledBack(in.rollbacks());
            case DATA_LOSS -> "No populated table or column was dropped or truncated";
            case REPLICATION_LAG -> replicationPass(replication, maxWal, reports, in.scenario());
            case CONSTRAINT_VALIDATION -> "No constraint validated existing rows under a blocking lock";
            case INDEX_DEPENDENCIES -> "No index was built or rebuilt under a lock that blocks writes"
                    + (in.plans() == null || in.plans().isEmpty() ? ""
                    : "; no index a workload query's plan used was dropped" + newlyUsed(in.plans()));
            case FOREIGN_KEYS -> "No foreign key validated existing rows under a blocking lock";
        };
    }

    /**
     * What the replication row says when nothing crossed a threshold: the peak lag measured, or, without a replica,
     * what the WAL projects to, marked to verify.
     */
    private String replicationPass(Report.Replication r, long maxWal, List<Report.StatementReport> reports, Scenario s) {
        Scenario.Replica settings = s.replicaSettings();
        String rate = Quantities.bytes(settings.projectionRate()) + "/s"
                + (settings.applyRateBytesPerSecond() == null ? " (an assumed apply rate)" : "");
        String projection = r == null || r.projectedLagMs() == null ? ""
                : "; projected replica lag at " + rate + " at most " + Quantities.duration(r.projectedLagMs());
        if (r == null || !r.measured()) {
            return "Verify: no replica rehearsed; largest WAL burst " + Quantities.bytes(maxWal) + projectedWal(reports)
                    + projection;
        }
        return "Replica lag peaked at " + (r.maxLagMs() == null ? "(not sampled)" : Quantities.duration(r.maxLagMs()))
                + ", under " + Quantities.duration(t.replicationLagFlagMs()) + "; largest WAL burst "
                + Quantities.bytes(maxWal) + projectedWal(reports) + projection;
    }

    /** {@code ; the downs of 2 migrations were rehearsed and succeeded}, when any was. */
    private static String rolledBack(List<Report.Rollback> rollbacks) {
        long ok = rollbacks.stream().filter(r -> r.outcome().equals("rolled-back")).count();
        return ok == 0 ? "" : "; the down" + (ok == 1 ? " of 1 migration was" : "s of " + ok + " migrations were")
                + " rehearsed and succeeded";
    }

    /** {@code ; orders_by_total now uses orders_total_idx}: the queries a new index serves. */
    private static String newlyUsed(List<Report.Plan> plans) {
        List<String> out = plans.stream().filter(p -> !p.newlyUsed().isEmpty())
                .map(p -> p.query() + " now uses " + String.join(", ", p.newlyUsed())).toList();
        return out.isEmpty() ? "" : "; " + String.join(", ", out);
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

}
