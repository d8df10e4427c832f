package dev.rehearse.analyze;

import dev.rehearse.model.Report;
import dev.rehearse.model.Report.Lock;
import dev.rehearse.model.Report.StatementReport;
import dev.rehearse.model.Status;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The figures of one executed statement that a matrix compares across engines and {@code --compare} across runs,
 * read from the report alone, and the noise model their measured times and counts are judged with.
 */
public final class StatementFigures {

    /**
     * Two runs of a statement differ in a measured figure when the larger exceeds the smaller by more than half of it
     * and by more than 100 ms (10 queries for counts). The relative part covers the run-to-run spread (±20 % on a
     * quiet machine at 1–10 M rows, up to +155 % on a loaded one: issue 15's measurements, where a doubling is still
     * caught); the floor covers what a small table cannot resolve: the 10 ms lock sampler, JIT warm-up, a scheduler
     * tick on a shared CI runner. The floor is widened to twice the sampler's achieved p99 interval when that was worse.
     */
    public static final Report.Noise NOISE = new Report.Noise(0.5, 100, 10);

    private StatementFigures() {}

    /** The noise of comparing these reports: {@link #NOISE}, its time floor widened to the sampler's worst p99. */
    public static Report.Noise noise(List<Report> reports) {
        double p99 = reports.stream().map(Report::run).filter(Objects::nonNull)
                .map(Report.Run::achievedSampleIntervalP99Ms).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).max().orElse(0);
        return new Report.Noise(NOISE.relative(), Math.max(NOISE.floorMs(), Math.round(2 * p99)), NOISE.floorQueries());
    }

    /** Whether {@code to} exceeds {@code from} beyond the noise (a time when {@code count} is false). */
    public static boolean grew(Report.Noise noise, double from, double to, boolean count) {
        double floor = count ? noise.floorQueries() : noise.floorMs();
        return to - from > Math.max(floor, noise.relative() * from);
    }

    /** What the statement's strongest lock blocks: {@code reads_writes}, {@code writes}, {@code none}; null: no lock. */
    public static String blocks(StatementReport s) {
        Lock l = strongest(s);
        return l == null ? null : l.blocks();
    }

    /** The engine's name of the statement's strongest lock (by what it blocks, then as listed); null: none. */
    public static String lockMode(StatementReport s) {
        Lock l = strongest(s);
        return l == null ? null : l.mode();
    }

    /** The longest a lock that blocks reads or writes was held; null when none was observed. */
    public static Long lockHoldMs(StatementReport s) {
        return list(s.locks()).stream().filter(l -> rank(l.blocks()) > 0).map(Lock::heldMs).filter(Objects::nonNull)
                .max(Long::compare).orElse(null);
    }

    /** Whether the table's storage was replaced (PostgreSQL's relfilenode, InnoDB's table id or a rebuild). */
    public static boolean rewrite(StatementReport s) {
        return !list(s.rewrote()).isEmpty() || Boolean.TRUE.equals(s.rebuild());
    }

    public static boolean indexRebuild(StatementReport s) {
        return !list(s.indexesRebuilt()).isEmpty();
    }

    public static boolean scan(StatementReport s) {
        return !list(s.scanned()).isEmpty();
    }

    public static Integer blockedQueries(StatementReport s) {
        return s.impact() == null ? null : s.impact().blockedQueries();
    }

    public static Long maxBlockedMs(StatementReport s) {
        return s.impact() == null ? null : s.impact().maxBlockedMs();
    }

    /**
     * The error's first line, null when the statement succeeded; without MariaDB Connector/J's {@code (conn=N)}
     * prefix, the session's id, which changes from run to run while the error does not.
     */
    public static String error(StatementReport s) {
        return s.error() == null ? null : CONNECTION.matcher(s.error().lines().findFirst().orElse("").strip()).replaceFirst("");
    }

    private static final java.util.regex.Pattern CONNECTION = java.util.regex.Pattern.compile("^\\(conn=\\d+\\)\\s*");

    /** The statement's judgement: the worst counted finding's status and the rules at it, else {@code PASS}. */
    public static String status(StatementReport s, List<Report.Finding> findings) {
        List<Report.Finding> mine = list(findings).stream()
                .filter(f -> f.counts() && Objects.equals(f.statementIndex(), s.index()) && f.status() != null).toList();
        Status worst = mine.stream().map(Report.Finding::status).max(Enum::compareTo).orElse(null);
        if (worst == null || worst == Status.PASS) return Status.PASS.name();
        return worst.name() + " " + mine.stream().filter(f -> f.status() == worst).map(Report.Finding::rule).distinct()
                .sorted().collect(Collectors.joining(","));
    }

    /** 2 for reads and writes, 1 for writes, 0 for neither (or unknown). */
    public static int rank(String blocks) {
        if (blocks == null) return -1;
        return switch (blocks) {
            case "reads_writes" -> 2;
            case "writes" -> 1;
            default -> 0;
        };
    }

    /** The statement's status's severity: {@code PASS} 0, {@code FLAG} 1, {@code BLOCK} 2. */
    public static int severity(String status) {
        return Status.valueOf(status.split(" ")[0]).ordinal();
    }

    private static Lock strongest(StatementReport s) {
        Lock best = null;
        for (Lock l : list(s.locks())) if (best == null || rank(l.blocks()) > rank(best.blocks())) best = l;
        return best;
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
