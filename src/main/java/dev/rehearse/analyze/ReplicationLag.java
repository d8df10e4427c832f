package dev.rehearse.analyze;

import dev.rehearse.migrate.ExecutedStatement;
import dev.rehearse.model.LagProjection;
import dev.rehearse.model.Report;
import dev.rehearse.observe.ReplicationSample;
import dev.rehearse.observe.Series;
import dev.rehearse.scenario.Scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The replication series joined with the statements, engine-neutrally. A sample's lag says when what the replica
 * lacks was written ({@code at - lag}); the sample is the lag of the statement running then, so a backfill's lag
 * counts against the backfill even while the replica catches up after it. A statement shorter than one interval,
 * with no such sample, answers for the first sample taken once the replica had reached it.
 */
final class ReplicationLag {

    /** A sample's interval counts toward "time over" for at most this many nominal intervals (a stalled sampler). */
    private static final int MAX_INTERVALS_PER_SAMPLE = 3;

    private final List<Series.Point<ReplicationSample>> samples;
    private final long intervalNanos;

    /** @param samples the series in time order; null when no replica ran */
    ReplicationLag(List<Series.Point<ReplicationSample>> samples, long intervalNanos) {
        this.samples = samples;
        this.intervalNanos = intervalNanos;
    }

    boolean measured() {
        return samples != null;
    }

    /** One statement's window, as written: from its start to the next statement of its transaction or its end. */
    record Span(long from, long to) {}

    static List<Span> spans(List<ExecutedStatement> statements) {
        List<Span> out = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            ExecutedStatement s = statements.get(i);
            boolean more = i + 1 < statements.size() && StatementEvidence.sameTransaction(s, statements.get(i + 1));
            out.add(new Span(StatementEvidence.firstStart(s), more ? statements.get(i + 1).startNanos() : s.transactionEndNanos()));
        }
        return out;
    }

    /**
     * The samples a span answers for, as indexes into the series: those whose missing WAL was written during it (dated
     * to within one interval); when
     * none (a statement shorter than an interval), the first sample whose missing WAL was written after it began, the
     * replica's lag when it got there (not the lag of an earlier statement it was still catching up on).
     */
    private List<Integer> attributed(Span span) {
        List<Integer> out = new ArrayList<>();
        Integer firstAfter = null;
        for (int i = 0; i < samples.size(); i++) {
            var p = samples.get(i);
            Long lag = p.value().lagMs();
            if (lag == null) continue;
            long written = p.atNanos() - lag * 1_000_000L;
            // the clock dates a position when it first samples it, up to one interval after it was written: WAL a
            // short statement wrote just before it ended is dated after it, and still its own
            if (written >= span.from() && written <= span.to() + intervalNanos) out.add(i);
            if (firstAfter == null && written >= span.from()) firstAfter = i;
        }
        if (out.isEmpty() && firstAfter != null) out.add(firstAfter);
        return out;
    }

    Long maxLagMs(Span span) {
        if (samples == null) return null;
        return attributed(span).stream().map(i -> samples.get(i).value().lagMs()).max(Long::compare).orElse(null);
    }

    Long timeOverMs(Span span, long thresholdMs) {
        if (samples == null) return null;
        return overMs(attributed(span), thresholdMs);
    }

    /** The sampled intervals, from each listed sample to the next, whose lag was at or over the threshold. */
    private long overMs(List<Integer> indexes, long thresholdMs) {
        long nanos = 0;
        for (int i : indexes) {
            Long lag = samples.get(i).value().lagMs();
            if (lag == null || lag < thresholdMs) continue;
            long next = i + 1 < samples.size() ? samples.get(i + 1).atNanos() - samples.get(i).atNanos() : intervalNanos;
            nanos += Math.min(next, MAX_INTERVALS_PER_SAMPLE * intervalNanos);
        }
        return Math.round(nanos / 1e6);
    }

    /** The whole run's section of the report. */
    Report.Replication section(Scenario scenario, List<ExecutedStatement> statements, List<Report.StatementReport> reports,
                               String modelDescription, Long replicaQueries, Long staleReads, Long cancelledByWorkload,
                               Long replicaWaitMs, Double achievedIntervalMs) {
        return section(scenario, statements, reports, modelDescription, replicaQueries, staleReads, cancelledByWorkload,
                replicaWaitMs, achievedIntervalMs, List.of());
    }

    /** @param trials measured batch advice ({@code replica.tune_batches}), in place of the projection for its statement */
    Report.Replication section(Scenario scenario, List<ExecutedStatement> statements, List<Report.StatementReport> reports,
                               String modelDescription, Long replicaQueries, Long staleReads, Long cancelledByWorkload,
                               Long replicaWaitMs, Double achievedIntervalMs, List<Report.BatchAdvice> trials) {
        Scenario.Thresholds t = scenario.thresholds();
        Scenario.Replica settings = scenario.replicaSettings();
        long rate = settings.projectionRate();
        List<Span> spans = spans(statements);
        List<Report.StatementLag> perStatement = new ArrayList<>();
        Map<String, List<Integer>> byMigration = new LinkedHashMap<>();
        Map<String, Long> migrationProjection = new LinkedHashMap<>();
        Long projected = null;
        Long wal = null;
        for (int i = 0; i < reports.size(); i++) {
            Report.StatementReport r = reports.get(i);
            Long lag = measured() ? maxLagMs(spans.get(i)) : null;
            Long over = measured() ? timeOverMs(spans.get(i), t.replicationLagFlagMs()) : null;
            Long p = LagProjection.lagMs(r, rate);
            if (r.walBytes() != null) wal = (wal == null ? 0 : wal) + r.walBytes();
            if (p != null) projected = projected == null ? p : Math.max(projected, p);
            if (r.walBytes() != null || lag != null) {
                perStatement.add(new Report.StatementLag(r.index(), lag, over, r.walBytes(), LagProjection.productionWal(r), p));
            }
            List<Integer> m = byMigration.computeIfAbsent(r.migration(), k -> new ArrayList<>());
            if (measured()) for (int j : attributed(spans.get(i))) if (!m.contains(j)) m.add(j);
            if (p != null) migrationProjection.merge(r.migration(), p, Math::max);
        }
        List<Report.BatchAdvice> batches = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            int index = reports.get(i).index();
            Report.BatchAdvice advice = trials.stream().filter(b -> b.statementIndex() == index).findFirst()
                    .orElse(null);
            if (advice == null) advice = LagProjection.batchAdvice(reports.get(i), rate, t.replicationLagFlagMs());
            if (advice != null) batches.add(advice);
        }
        if (!measured()) {
            return new Report.Replication(false, null, wal, null, null, null, null, null, null, null, projected, null,
                    perStatement, List.of(), batches, null, null);
        }
        List<Report.MigrationLag> migrations = new ArrayList<>();
        byMigration.forEach((name, idx) -> migrations.add(new Report.MigrationLag(name,
                idx.stream().map(i -> samples.get(i).value().lagMs()).filter(java.util.Objects::nonNull).max(Long::compare).orElse(null),
                overMs(idx.stream().sorted().toList(), t.replicationLagFlagMs()), migrationProjection.get(name))));
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) all.add(i);
        Long maxLag = samples.stream().map(p -> p.value().lagMs()).filter(java.util.Objects::nonNull).max(Long::compare).orElse(null);
        Long maxBytes = samples.stream().map(p -> p.value().lagBytes()).filter(java.util.Objects::nonNull).max(Long::compare).orElse(null);
        Long cancelled = cancelledByWorkload != null ? cancelledByWorkload : serverCancels();
        Report.ReplicaModel model = new Report.ReplicaModel(modelDescription, settings.applyRateBytesPerSecond(),
                settings.applyDelayMs(), settings.maxStandbyStreamingDelayMs(), settings.hotStandbyFeedback(),
                scenario.load().replicaShare(), rate, settings.applyRateBytesPerSecond() == null);
        return new Report.Replication(true, maxLag, wal, maxBytes, overMs(all, t.replicationLagFlagMs()),
                t.replicationLagFlagMs(), cancelled, replicaQueries, staleReads, replicaWaitMs, projected, model,
                perStatement, migrations, batches, (long) samples.size(), achievedIntervalMs);
    }

    /** The server's own count of conflict cancellations over the run; null when it keeps none. */
    private Long serverCancels() {
        Long first = null, last = null;
        for (var p : samples) {
            Long c = p.value().conflictCancels();
            if (c == null) continue;
            if (first == null) first = c;
            last = c;
        }
        return first == null ? null : last - first;
    }

    /** The lag sampled at {@code atNanos} (the latest sample at or before it); null before the first or without one. */
    Long lagAt(long atNanos) {
        if (samples == null) return null;
        Long lag = null;
        for (var p : samples) {
            if (p.atNanos() > atNanos) break;
            lag = p.value().lagMs();
        }
        return lag;
    }
}
