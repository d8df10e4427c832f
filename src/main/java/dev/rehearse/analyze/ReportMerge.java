package dev.rehearse.analyze;

import dev.rehearse.model.Report;
import dev.rehearse.model.Report.Finding;
import dev.rehearse.model.Report.StatementReport;
import dev.rehearse.model.Status;
import dev.rehearse.model.Verdict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Shard reports joined into one ({@code rehearse report merge}): the shards' statements one after the other, in the
 * order given, renumbered from 1 and placed on one timeline (each shard starts where the one before it ended); the
 * findings renumbered with them; and the categories and verdict recomputed from all the findings by {@link Judgement},
 * as a single run would have judged them. Figures that cannot be combined from summaries (percentiles over several
 * runs) are null, as the model says of what was not measured; counts add up and maxima take the largest.
 */
public final class ReportMerge {

    private ReportMerge() {}

    public static Report merge(List<Report> shards) {
        if (shards.isEmpty()) throw new IllegalArgumentException("no report to merge");
        List<StatementReport> statements = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        List<Report.Window> windows = new ArrayList<>();
        List<Report.MigrationTraffic> traffic = new ArrayList<>();
        List<Report.Plan> plans = new ArrayList<>();
        List<Report.Rollback> rollbacks = new ArrayList<>();
        List<Report.SeedTable> seed = new ArrayList<>();
        Long windowMs = sameWindow(shards);
        long offset = 0;
        int next = 1;
        for (Report r : shards) {
            Map<Integer, Integer> renumbered = new HashMap<>();
            for (StatementReport s : list(r.statements())) {
                renumbered.put(s.index(), next);
                statements.add(new StatementReport(next++, s.migration(), s.line(), s.sql(), s.inTransaction(),
                        s.startedAtMs() + offset, s.durationMs(), s.error(), s.rowsAffected(), s.locks(), s.rewrote(),
                        s.indexesRebuilt(), s.scanned(), s.walBytes(), s.replicationLagMaxMs(), s.impact(), s.estimate(),
                        s.lockWaitMs(), s.queuedBehind(), shifted(s.attempts(), offset)));
            }
            for (Finding f : list(r.findings())) {
                findings.add(new Finding(f.rule(), f.category(), f.status(),
                        f.statementIndex() == null ? null : renumbered.get(f.statementIndex()), f.message(), f.action(),
                        f.file(), f.line(), f.suppressed()));
            }
            if (windowMs != null && r.timeline() != null) {
                for (Report.Window w : list(r.timeline().windows())) {
                    windows.add(new Report.Window(w.atMs() + offset, w.queries(), w.errors(), w.p99Ms(),
                            w.sessionsWaiting(), w.statement() == null ? null : renumbered.get(w.statement())));
                }
            }
            if (r.load() != null) {
                for (Report.MigrationTraffic m : list(r.load().migrations())) {
                    traffic.add(new Report.MigrationTraffic(m.migration(), renumber(renumbered, m.firstStatement()),
                            renumber(renumbered, m.lastStatement()), m.before(), m.during(), m.after(), m.queries()));
                }
                plans.addAll(list(r.load().plans()));
            }
            rollbacks.addAll(list(r.rollbacks()));
            if (r.seed() != null) {
                for (Report.SeedTable t : list(r.seed().tables())) {
                    if (seed.stream().noneMatch(s -> s.name().equals(t.name()))) seed.add(t); // each shard seeds alike
                }
            }
            offset += span(r);
        }

        List<Finding> counted = findings.stream().filter(Finding::counts).toList();
        boolean ran = !statements.isEmpty();
        Function<Finding, String> issue = ran ? Finding::message
                : f -> (f.file() == null ? "" : f.file() + ":" + f.line() + " ") + f.message();
        List<Report.CategoryResult> categories = Judgement.categories(counted, c -> shards.stream()
                .flatMap(r -> list(r.categories()).stream()).filter(x -> x.category() == c && x.status() == Status.PASS)
                .map(Report.CategoryResult::issue).filter(Objects::nonNull).findFirst()
                .orElse("No finding in " + shards.size() + " shards"), issue);
        Verdict verdict = Judgement.verdict(counted);
        Status worst = Judgement.worst(counted);
        String reason = verdict == Verdict.SAFE_TO_SHIP
                ? "no finding counts in " + shards.size() + " merged shard reports"
                : counted.stream().filter(f -> f.status() == worst).findFirst().map(issue).orElse("");

        Report first = shards.get(0);
        return new Report(first.tool(), engine(shards), verdict, reason, categories, statements, findings,
                seed.isEmpty() && shards.stream().allMatch(r -> r.seed() == null) ? null : new Report.Seed(seed),
                load(shards, plans, traffic), replication(shards), run(shards),
                windowMs == null ? null : new Report.Timeline(windowMs, windows),
                rollbacks.isEmpty() ? null : rollbacks, sameOrNull(shards, Report::thresholds));
    }

    private static List<Report.Attempt> shifted(List<Report.Attempt> attempts, long offset) {
        return list(attempts).stream().map(a -> new Report.Attempt(a.startedAtMs() + offset, a.durationMs(), a.error()))
                .toList();
    }

    private static Integer renumber(Map<Integer, Integer> renumbered, Integer index) {
        return index == null ? null : renumbered.get(index);
    }

    /** Where the shard's timeline ends: its last window's end or its last statement's, whichever is later. */
    private static long span(Report r) {
        long end = 0;
        if (r.timeline() != null && !list(r.timeline().windows()).isEmpty()) {
            List<Report.Window> w = r.timeline().windows();
            end = w.get(w.size() - 1).atMs() + r.timeline().windowMs();
        }
        for (StatementReport s : list(r.statements())) end = Math.max(end, s.startedAtMs() + s.durationMs());
        return end;
    }

    /** The shared window width, or null when the shards have no timeline or disagree (then none can be drawn). */
    private static Long sameWindow(List<Report> shards) {
        var widths = shards.stream().map(r -> r.timeline() == null ? null : r.timeline().windowMs())
                .collect(Collectors.toSet());
        return widths.size() == 1 ? widths.iterator().next() : null;
    }

    private static <T> T sameOrNull(List<Report> shards, Function<Report, T> part) {
        var values = shards.stream().map(part).collect(Collectors.toList());
        return values.stream().distinct().count() == 1 ? values.get(0) : null;
    }

    /** One engine when all shards ran the same; else each part lists the distinct values, in shard order. */
    private static Report.Engine engine(List<Report> shards) {
        Report.Engine same = sameOrNull(shards, Report::engine);
        if (same != null) return same;
        return new Report.Engine(distinct(shards, e -> e.kind()), distinct(shards, e -> e.version()),
                distinct(shards, e -> e.provider()));
    }

    private static String distinct(List<Report> shards, Function<Report.Engine, String> part) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (Report r : shards) if (r.engine() != null && part.apply(r.engine()) != null) out.add(part.apply(r.engine()));
        return out.isEmpty() ? null : String.join(", ", out);
    }

    private static Report.Load load(List<Report> shards, List<Report.Plan> plans, List<Report.MigrationTraffic> traffic) {
        List<Report.Load> loads = shards.stream().map(Report::load).filter(Objects::nonNull).toList();
        if (loads.isEmpty()) return null;
        List<Report.Load> ran = loads.stream().filter(Report.Load::enabled).toList();
        if (ran.isEmpty()) return loads.get(0);
        return new Report.Load(true, max(ran, Report.Load::clients), maxD(ran, Report.Load::targetRate),
                sum(ran, Report.Load::queries), sum(ran, Report.Load::errors), null, null, null,
                maxD(ran, Report.Load::maxMs), sum(ran, Report.Load::lockWaitedQueries), maxL(ran, Report.Load::maxLockWaitMs),
                plans.isEmpty() ? null : plans, null, null, null, traffic.isEmpty() ? null : traffic);
    }

    private static Report.Replication replication(List<Report> shards) {
        List<Report.Replication> reps = shards.stream().map(Report::replication).filter(Objects::nonNull).toList();
        if (reps.isEmpty()) return null;
        List<Report.Replication> measured = reps.stream().filter(Report.Replication::measured).toList();
        if (measured.isEmpty()) return new Report.Replication(false, null, null);
        return new Report.Replication(true, maxL(measured, Report.Replication::maxLagMs),
                sum(measured, Report.Replication::walBytes));
    }

    private static Report.Run run(List<Report> shards) {
        List<Report.Run> runs = shards.stream().map(Report::run).filter(Objects::nonNull).toList();
        if (runs.isEmpty()) return null;
        String started = runs.stream().map(Report.Run::startedAt).filter(Objects::nonNull).sorted().findFirst().orElse(null);
        double wall = Math.round(runs.stream().mapToDouble(Report.Run::wallSeconds).sum() * 100) / 100.0;
        String scenarios = runs.stream().map(Report.Run::scenario).filter(Objects::nonNull).distinct()
                .collect(Collectors.joining(", "));
        return new Report.Run(started, wall, max(runs, Report.Run::sampleIntervalMs), null,
                scenarios.isEmpty() ? null : scenarios, maxD(runs, Report.Run::achievedSampleIntervalP99Ms),
                maxD(runs, Report.Run::achievedSampleIntervalMaxMs));
    }

    private static <T> Long sum(List<T> xs, Function<T, Long> f) {
        List<Long> v = xs.stream().map(f).filter(Objects::nonNull).toList();
        return v.isEmpty() ? null : v.stream().mapToLong(Long::longValue).sum();
    }

    private static <T> Long maxL(List<T> xs, Function<T, Long> f) {
        return xs.stream().map(f).filter(Objects::nonNull).max(Long::compare).orElse(null);
    }

    private static <T> Integer max(List<T> xs, Function<T, Integer> f) {
        return xs.stream().map(f).filter(Objects::nonNull).max(Integer::compare).orElse(null);
    }

    private static <T> Double maxD(List<T> xs, Function<T, Double> f) {
        return xs.stream().map(f).filter(Objects::nonNull).max(Double::compare).orElse(null);
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
