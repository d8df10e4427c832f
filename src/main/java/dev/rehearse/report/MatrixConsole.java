package dev.rehearse.report;

import dev.rehearse.model.Matrix;

import java.util.ArrayList;
import java.util.List;

/** {@code rehearse matrix} in a terminal: each engine's outcome, then the differences side by side, an engine a column. */
public final class MatrixConsole {

    // the engines' columns share about 150 characters (a CI log's width less the statement): six engines keep 24 each,
    // enough for a rule id unbroken; more engines narrow them down to 12
    private static final int ENGINE_COLUMNS = 150, MIN_CELL = 12, MAX_CELL = 24;

    private MatrixConsole() {}

    public static String render(Matrix m, boolean color) {
        StringBuilder out = new StringBuilder("Matrix")
                .append(m.scenario() == null ? "" : " of " + m.scenario()).append(": ")
                .append(m.engines().size()).append(m.engines().size() == 1 ? " engine" : " engines")
                .append(m.shard() == null ? "" : " (shard " + m.shard() + " of " + m.units().size() + " units)")
                .append('\n');
        List<List<String>> rows = new ArrayList<>();
        for (Matrix.EngineResult e : m.engines()) {
            rows.add(List.of(e.engine(), Format.or(e.version()), e.status(), Format.or(e.verdict()),
                    e.regressions() == null ? "" : String.valueOf(e.regressions()),
                    e.error() == null ? Format.or(e.report()) : e.error().lines().findFirst().orElse("")));
        }
        out.append(ConsoleReport.table(List.of("Engine", "Version", "Status", "Verdict", "Regressions", "Report / error"),
                rows, new int[] {16, 10, 12, 24, 11, 60}, -1, color));

        List<Matrix.EngineResult> columns = m.engines();
        if (m.differences().isEmpty()) {
            out.append("\nNo difference between the engines on ").append(String.join(", ", m.fields())).append('\n');
            return out.toString();
        }
        out.append("\nDifferences (").append(m.differences().size()).append(")\n");
        List<String> headers = new ArrayList<>(List.of("#", "Statement", "Field"));
        columns.forEach(e -> headers.add(e.engine()));
        int[] caps = new int[headers.size()];
        caps[0] = 4;
        caps[1] = 40;
        caps[2] = 14;
        int cell = Math.max(MIN_CELL, Math.min(MAX_CELL, ENGINE_COLUMNS / Math.max(1, columns.size())));
        for (int i = 3; i < caps.length; i++) caps[i] = cell;
        rows = new ArrayList<>();
        for (Matrix.Difference d : m.differences()) {
            List<String> row = new ArrayList<>();
            row.add(d.statementIndex() == null ? "" : String.valueOf(d.statementIndex()));
            row.add(d.statementIndex() == null ? "(engine)" : Format.oneLine(d.sql(), 80));
            row.add(d.field());
            for (Matrix.EngineResult e : columns) {
                row.add(d.byEngine().containsKey(e.engine()) ? cell(d.byEngine().get(e.engine())) : "");
            }
            rows.add(row);
        }
        out.append(ConsoleReport.table(headers, rows, caps, -1, color));
        return out.toString();
    }

    private static String cell(Object v) {
        if (v == null) return Format.NONE;
        if (v instanceof Boolean b) return b ? "yes" : "no";
        return v.toString();
    }
}
