package dev.rehearse.dialect;

import dev.rehearse.load.LoadEvent;
import dev.rehearse.migrate.ExecutedStatement;
import dev.rehearse.model.Quantities;
import dev.rehearse.model.Report;
import dev.rehearse.model.Status;
import dev.rehearse.scenario.Scenario;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a rehearsal measured of one executed statement, joined with the timeline and the workload: what a rule's
 * measured check judges. The analyzer computes it; checks read it.
 *
 * @param rule the catalog rule that names the statement, null when none does
 * @param what how messages name the statement: {@code statement 3 (V2__x.sql:4)}
 * @param blocking locks blocking the application on populated tables that the statement answers for
 * @param grew populated tables it rewrote or scanned in full under one of those locks (empty when the naming rule's
 *             cost does not grow with the table)
 * @param tableRows live rows per table before the first migration
 * @param events the workload's queries
 * @param plans the named workload queries' plans before and after the migrations (empty when none were planned)
 * @param around the statement's migration and the load-alone windows before and after it; null without load
 * @param measuredBatches the statement rehearsed in batches against the replica ({@code replica.tune_batches}): the
 *                        batch size and pause that kept the lag under the threshold; null when it was not
 */
public record Evidence(ExecutedStatement statement, Report.StatementReport report, Rule.Words words, Rule rule,
                       String what, List<Report.Lock> blocking, List<String> grew, Map<String, Long> tableRows,
                       List<LoadEvent> events, Scenario scenario, List<Report.Plan> plans, Around around,
                       Report.BatchAdvice measuredBatches) {

    public Evidence(ExecutedStatement statement, Report.StatementReport report, Rule.Words words, Rule rule,
                    String what, List<Report.Lock> blocking, List<String> grew, Map<String, Long> tableRows,
                    List<LoadEvent> events, Scenario scenario, List<Report.Plan> plans, Around around) {
        this(statement, report, words, rule, what, blocking, grew, tableRows, events, scenario, plans, around, null);
    }

    /**
     * A migration's span and the workload's windows around it: before is {@code [beforeFrom, startNanos)}, after is
     * {@code [endNanos, afterTo)}, by when each query was due.
     */
    public record Around(long beforeFrom, long startNanos, long endNanos, long afterTo) {}

    public Evidence(ExecutedStatement statement, Report.StatementReport report, Rule.Words words, Rule rule,
                    String what, List<Report.Lock> blocking, List<String> grew, Map<String, Long> tableRows,
                    List<LoadEvent> events, Scenario scenario, List<Report.Plan> plans) {
        this(statement, report, words, rule, what, blocking, grew, tableRows, events, scenario, plans, null);
    }

    /**
     * The measured batching in one sentence ({@code replica.tune_batches}): the size and pause to use, and what each
     * size rehearsed did to the replica; null when the statement was not rehearsed in batches.
     */
    public String measuredBatchAdvice() {
        Report.BatchAdvice b = measuredBatches;
        if (b == null || !b.measured()) return null;
        long threshold = thresholds().replicationLagFlagMs();
        List<String> tried = b.trials().stream().map(t -> Quantities.number(t.batchRows()) + " rows "
                + (t.maxLagMs() == null ? "(no lag sampled)" : Quantities.duration(t.maxLagMs()))
                + (t.caughtUp() ? "" : " (not caught up within the trial's limit)")).toList();
        boolean under = b.trials().stream().anyMatch(t -> t.batchRows() == b.batchRows() && t.underThreshold() && t.caughtUp());
        return "Batch it: " + Quantities.number(b.batchRows()) + " rows per batch, each its own transaction, with a "
                + Quantities.duration(b.pauseMs()) + " pause after each"
                + (under ? " kept the replica under " + Quantities.duration(threshold)
                        : " (even these batches put the replica past " + Quantities.duration(threshold)
                        + ": smaller batches, or a longer pause)")
                + " in this rehearsal: batches tried against the replica, its peak lag: " + String.join(", ", tried)
                + "; the pause is the longest the replica took to catch up after one.";
    }

    /** Below this many queries a window's "p99" is just its slowest query: noise, not a regression. */
    static final int MIN_QUERIES_FOR_P99 = 50;

    /** The naming rule's safe rewrite, sized by this measurement where the rule can ({@link Rule.MeasuredRewrite}). */
    public String rewrite() {
        return rule == null ? null : rewrite(rule);
    }

    /** A rule's safe rewrite of this statement, sized by this measurement where the rule can. */
    public String rewrite(Rule r) {
        return r.rewrite() instanceof Rule.MeasuredRewrite m ? m.apply(words, this) : r.rewrite().apply(words);
    }

    public Scenario.Thresholds thresholds() {
        return scenario.thresholds();
    }

    public Report.Impact impact() {
        return report.impact();
    }

    public long longestWaitMs() {
        Report.Impact i = report.impact();
        return i == null || i.maxBlockedMs() == null ? 0 : i.maxBlockedMs();
    }

    public boolean queriesWaited() {
        return longestWaitMs() >= thresholds().queryWaitFlagMs();
    }

    public Status waitStatus() {
        return level(longestWaitMs(), thresholds().queryWaitFlagMs(), thresholds().queryWaitBlockMs());
    }

    /** Waits count towards the statement's own hazard when its rule is about locks (or no rule names it). */
    public boolean ownCategoryIsLocks() {
        return rule == null || rule.category() == dev.rehearse.model.Category.LOCK_CONTENTION;
    }

    /**
     * The statement's own hazard: growth under a blocking lock is FLAG however fast it was here (it grows with the
     * table), BLOCK when the estimate at production rows reaches lock_hold_block; a long blocking hold and, for
     * lock rules, long waits by the thresholds.
     */
    public Status hazard() {
        Scenario.Thresholds t = thresholds();
        Status status = Status.PASS;
        if (!grew.isEmpty()) status = Status.FLAG;
        Report.Estimate est = report.estimate();
        if (est != null && est.productionMs() != null && !grew.isEmpty() && est.productionMs() >= t.lockHoldBlockMs()) {
            status = Status.BLOCK;
        }
        long longestHold = blocking.stream().mapToLong(l -> l.heldMs() == null ? 0 : l.heldMs()).max().orElse(0);
        status = status.max(level(longestHold, t.lockHoldFlagMs(), t.lockHoldBlockMs()));
        return ownCategoryIsLocks() ? status.max(waitStatus()) : status;
    }

    public boolean latencyRegressed() {
        Report.Impact i = report.impact();
        Scenario.Thresholds t = thresholds();
        return i != null && i.p99Ms() != null && i.baselineP99Ms() != null && i.queries() != null
                && i.queries() >= MIN_QUERIES_FOR_P99
                && i.p99Ms() > i.baselineP99Ms() * t.p99Factor() && i.p99Ms() - i.baselineP99Ms() >= t.p99MinIncreaseMs();
    }

    /**
     * {@code held <mode> on orders for 812 ms (blocks reads/writes) while rewriting orders (...)}; empty when the
     * statement held no blocking lock, grew nothing and held up no query.
     */
    public String lockEvidence() {
        StringBuilder b = new StringBuilder();
        if (!blocking.isEmpty()) {
            // the longest held; of locks held as long, the first: the analyzer lists the strongest mode first
            Report.Lock l = blocking.get(0);
            for (Report.Lock x : blocking) if (nz(x.heldMs()) > nz(l.heldMs())) l = x;
            b.append("held ").append(l.mode()).append(" on ").append(l.relation())
                    .append(l.heldMs() == null ? " (not observed; the least what it changed takes)"
                            : " for " + l.heldMs() + " ms")
                    .append(" (blocks ").append(l.blocks().replace('_', '/')).append(")");
        }
        if (!grew.isEmpty()) {
            String table = grew.get(0);
            b.append(report.rewrote().contains(table) ? " while rewriting " : " while scanning ").append(table)
                    .append(String.format(Locale.ROOT, " (%,d rows)", tableRows.get(table)));
        }
        Report.Estimate e = report.estimate();
        if (e != null && !grew.isEmpty()) {
            Long waited = report.lockWaitMs();
            if (waited != null && waited > 0) {
                b.append(String.format(Locale.ROOT, "; it waited %,d ms for the lock, which does not scale, and worked %,d ms",
                        waited, e.workMs() == null ? report.durationMs() - waited : e.workMs()));
            }
            b.append(String.format(Locale.ROOT, "; %.1f ms per million rows", e.msPerMillionRows()));
            if (e.productionMs() != null) {
                b.append(String.format(Locale.ROOT, ", about %s at %,d rows", Quantities.duration(e.productionMs()),
                        e.productionRows()));
            } else {
                b.append(", and it grows with the table");
            }
        }
        Report.Impact impact = report.impact();
        if (impact != null && impact.blockedQueries() != null && impact.blockedQueries() > 0) {
            b.append("; ").append(plural(impact.blockedQueries(), "application query", "application queries"))
                    .append(" waited, the longest ").append(impact.maxBlockedMs()).append(" ms");
        }
        return b.indexOf("; ") == 0 ? b.substring(2) : b.toString();
    }

    /** {@code statement 3 (V2__x.sql:4) failed: ERROR ...}. */
    public String failedHead() {
        return what + " failed: " + statement.error();
    }

    public Report.Finding finding(Rule rule, Status status, String message, String action) {
        return new Report.Finding(rule.id(), rule.category(), status, statement.index(), message, action);
    }

    public static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    static Status level(long value, long flag, long block) {
        return value >= block ? Status.BLOCK : value >= flag ? Status.FLAG : Status.PASS;
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }
}
