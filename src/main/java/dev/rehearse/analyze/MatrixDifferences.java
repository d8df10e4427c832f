package dev.rehearse.analyze;

import dev.rehearse.model.Matrix;
import dev.rehearse.model.Report;
import dev.rehearse.model.Report.StatementReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where engine versions disagree on one scenario, from their reports alone: statement by statement (by index, as each
 * engine's report numbers them), the figures of {@link StatementFigures}, then each engine's status and verdict. No
 * rule about versions is consulted: a difference is one the servers' measurements show.
 */
public final class MatrixDifferences {

    /** An engine's outcome: its report, or null when it has none (it could not start, or its schema did not run). */
    public record Entry(String engine, String kind, String status, Report report) {}

    /** The compared statement fields, in the order differences list them. */
    public static final List<String> FIELDS = List.of("error", "blocks", "lockMode", "rewrite", "indexRebuild", "scan",
            "algorithm", "status", "lockHoldMs", "durationMs", "blockedQueries");

    static final String NOT_RUN = "not run";

    private MatrixDifferences() {}

    public static List<Matrix.Difference> of(List<Entry> entries) {
        List<Entry> reported = entries.stream().filter(e -> e.report() != null).toList();
        Report.Noise noise = StatementFigures.noise(reported.stream().map(Entry::report).toList());
        List<Matrix.Difference> out = new ArrayList<>();
        int last = reported.stream().mapToInt(e -> list(e.report().statements()).size()).max().orElse(0);
        for (int i = 1; i <= last; i++) {
            Map<Entry, StatementReport> at = new LinkedHashMap<>();
            StatementReport first = null;
            for (Entry e : reported) {
                StatementReport s = statement(e.report(), i);
                at.put(e, s);
                if (first == null) first = s;
            }
            if (first == null) continue;
            for (String field : FIELDS) {
                Map<String, Object> byEngine = compare(field, at, noise);
                if (byEngine != null) out.add(new Matrix.Difference(i, first.migration(), first.sql(), field, byEngine));
            }
        }
        Map<String, Object> status = new LinkedHashMap<>();
        entries.forEach(e -> status.put(e.engine(), e.status()));
        if (status.values().stream().distinct().count() > 1) out.add(new Matrix.Difference(null, null, null, "status", status));
        Map<String, Object> verdict = new LinkedHashMap<>();
        reported.forEach(e -> verdict.put(e.engine(), e.report().verdict() == null ? null : e.report().verdict().name()));
        if (verdict.values().stream().distinct().count() > 1) {
            out.add(new Matrix.Difference(null, null, null, "verdict", verdict));
        }
        return out;
    }

    /** Each engine's value when the field differs, else null. */
    private static Map<String, Object> compare(String field, Map<Entry, StatementReport> at, Report.Noise noise) {
        Map<Entry, Object> values = new LinkedHashMap<>();
        at.forEach((e, s) -> values.put(e, s == null ? NOT_RUN : value(field, s, e.report())));
        boolean differs = switch (field) {
            // a run that stopped before the statement is the difference, told once, by its error
            case "error" -> distinct(values, x -> true) > 1;
            // the engine's own lock names, and scans (measured on PostgreSQL only), compare within an engine kind
            case "lockMode", "scan" -> values.keySet().stream().map(Entry::kind).distinct().anyMatch(kind ->
                    distinct(values, e -> e.kind().equals(kind) && !NOT_RUN.equals(values.get(e))) > 1);
            case "algorithm" -> distinct(values, e -> values.get(e) != null && !NOT_RUN.equals(values.get(e))) > 1;
            case "lockHoldMs", "durationMs", "blockedQueries" -> spread(values, noise, field.equals("blockedQueries"));
            default -> distinct(values, e -> !NOT_RUN.equals(values.get(e))) > 1;
        };
        if (!differs) return null;
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((e, v) -> out.put(e.engine(), v));
        return out;
    }

    private static Object value(String field, StatementReport s, Report r) {
        return switch (field) {
            case "error" -> StatementFigures.error(s);
            case "blocks" -> StatementFigures.blocks(s);
            case "lockMode" -> StatementFigures.lockMode(s);
            case "rewrite" -> StatementFigures.rewrite(s);
            case "indexRebuild" -> StatementFigures.indexRebuild(s);
            case "scan" -> StatementFigures.scan(s);
            case "algorithm" -> s.algorithm();
            case "status" -> StatementFigures.status(s, r.findings());
            case "lockHoldMs" -> StatementFigures.lockHoldMs(s);
            case "durationMs" -> s.error() == null ? (Object) s.durationMs() : null;
            case "blockedQueries" -> StatementFigures.blockedQueries(s);
            default -> throw new IllegalArgumentException(field);
        };
    }

    private static long distinct(Map<Entry, Object> values, java.util.function.Predicate<Entry> which) {
        return values.keySet().stream().filter(which).map(values::get).distinct().count();
    }

    /** Whether the largest measured value exceeds the smallest beyond the noise. */
    private static boolean spread(Map<Entry, Object> values, Report.Noise noise, boolean count) {
        List<Double> xs = values.values().stream().filter(v -> v instanceof Number).map(v -> ((Number) v).doubleValue())
                .toList();
        if (xs.size() < 2) return false;
        double min = xs.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = xs.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return StatementFigures.grew(noise, min, max, count);
    }

    private static StatementReport statement(Report r, int index) {
        return list(r.statements()).stream().filter(s -> s.index() == index).findFirst().orElse(null);
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
