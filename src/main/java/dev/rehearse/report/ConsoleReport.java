package dev.rehearse.report;

import dev.rehearse.model.Quantities;
import dev.rehearse.model.Report;
import dev.rehearse.model.Category;
import dev.rehearse.model.Status;
import dev.rehearse.model.Report.CategoryResult;
import dev.rehearse.model.Report.Finding;
import dev.rehearse.model.Report.StatementReport;

import java.util.ArrayList;
import java.util.List;

import static dev.rehearse.report.Format.list;
import static dev.rehearse.report.Format.or;

/**
 * The report as a release engineer reads it in a terminal or CI log. Tables use plain ASCII borders, which every
 * log viewer renders, and wrap long cells instead of widening the rows.
 */
public final class ConsoleReport {

    static final int MAX_CELL = 50;
    private static final int TEXT = 100; // finding messages
    private static final String RESET = "\u001B[0m";

    private ConsoleReport() {}

    public static String render(Report r, boolean color) {
        StringBuilder out = new StringBuilder();
        out.append(Format.tool(r)).append(" | ").append(Format.engine(r)).append(" | wall time ")
                .append(Format.wallTime(r)).append('\n');
        Format.facts(r).stream().filter(f -> !f.startsWith("Run:")).forEach(f -> out.append(f).append('\n'));

        out.append("\nStatements\n");
        List<List<String>> rows = new ArrayList<>();
        for (StatementReport s : list(r.statements())) {
            // where and what share a cell, as do the two measures of what the application felt: keeps the table narrow
            rows.add(List.of(String.valueOf(s.index()),
                    Format.location(s) + "\n" + Format.oneLine(s.sql(), 60),
                    s.error() == null ? Quantities.number(s.durationMs()) : Quantities.number(s.durationMs()) + "\nFAILED",
                    String.join("\n", Format.locks(s)),
                    String.join("\n", Format.effects(s)),
                    "blocked: " + Format.blocked(s.impact()) + "\np99: " + Format.p99(s.impact())));
        }
        out.append(table(List.of("#", "Migration / SQL", "ms", "Locks", "Rewrote / scanned", "Queries"), rows,
                new int[] {4, 44, 8, 36, 24, 32}, -1, color));
        for (String note : Format.notes(r.statements())) { // not wrapped: an error keeps its own line breaks
            List<String> lines = note.lines().map(String::strip).toList();
            out.append("  ").append(lines.get(0)).append('\n');
            lines.stream().skip(1).forEach(l -> out.append("      ").append(l).append('\n'));
        }

        List<List<String>> traffic = Format.trafficRows(r);
        if (!traffic.isEmpty()) {
            out.append("\nWorkload around each migration\n");
            out.append(table(List.of("Migration", "Before", "During", "After"), traffic, new int[] {30, 36, 36, 36}, -1,
                    color));
        }

        out.append('\n');
        rows = new ArrayList<>();
        for (CategoryResult c : list(r.categories())) {
            rows.add(List.of(c.category() == null ? Format.NONE : c.category().title(), or(c.status()),
                    or(c.issue()), or(c.action())));
        }
        out.append(table(List.of("Category", "Status", "Issue", "Recommended Action"), rows,
                new int[] {MAX_CELL, MAX_CELL, MAX_CELL, MAX_CELL}, 1, color));

        if (!list(r.findings()).isEmpty()) out.append("\nFindings\n");
        for (Finding f : list(r.findings())) {
            out.append("  ").append(paint("[" + or(f.status()) + "]", f.status(), color)).append(' ').append(or(f.rule()))
                    .append(f.statementIndex() == null ? "" : ", statement #" + f.statementIndex())
                    .append(f.category() == null ? "" : " (" + f.category().title() + ")")
                    .append(f.suppressed() == null ? "" : " suppressed (" + f.suppressed().by() + "): " + f.suppressed().reason())
                    .append('\n');
            Format.wrap(f.message(), TEXT).forEach(l -> out.append("      ").append(l).append('\n'));
            if (f.action() != null) {
                // SQL keeps its own lines and indentation; prose is wrapped like the message
                boolean sql = Format.isSql(f.action());
                out.append("      ").append(sql ? "Safe rewrite:" : "Recommended:").append('\n');
                (sql ? f.action().strip().lines().toList() : Format.wrap(f.action(), TEXT))
                        .forEach(l -> out.append("        ").append(l).append('\n'));
            }
        }

        if (r.comparison() != null) out.append('\n').append(comparison(r.comparison()));

        Status worst = r.verdict() == null ? null : switch (r.verdict()) {
            case SAFE_TO_SHIP -> Status.PASS;
            case SAFE_WITH_MODIFICATIONS -> Status.FLAG;
            case BLOCK -> Status.BLOCK;
        };
        out.append("\nVERDICT: ").append(paint(r.verdict() == null ? Format.NONE : r.verdict().title(), worst, color))
                .append(r.verdictReason() == null ? "" : " — " + r.verdictReason()).append('\n');
        return out.toString();
    }

    /** {@code --compare}: what regressed against the earlier run, one line each, or that nothing did. */
    static String comparison(Report.Comparison c) {
        StringBuilder out = new StringBuilder("Compared with ").append(c.previous())
                .append(c.previousStartedAt() == null ? "" : " (" + c.previousStartedAt() + ")").append(": ")
                .append(c.matched()).append(" statements matched")
                .append(c.unmatched() == 0 ? "" : ", " + c.unmatched() + " new").append("; noise: +")
                .append(Math.round(c.noise().relative() * 100)).append("% and +").append(c.noise().floorMs())
                .append(" ms (+").append(c.noise().floorQueries()).append(" queries)\n");
        List<Report.Regression> rs = list(c.regressions());
        if (rs.isEmpty()) return out.append("  no regression\n").toString();
        for (Report.Regression g : rs) {
            out.append("  REGRESSION #").append(g.statementIndex()).append(' ').append(Format.oneLine(g.sql(), 60))
                    .append(": ").append(g.field()).append(' ').append(Format.or(g.previous())).append(" -> ")
                    .append(Format.or(g.current())).append('\n');
        }
        return out.toString();
    }

    /**
     * An ASCII table whose cells wrap at their column's cap. {@code statusColumn} (or -1) is coloured by its
     * value; colour codes go around the padded text so they never count towards the width.
     */
    static String table(List<String> headers, List<List<String>> rows, int[] caps, int statusColumn, boolean color) {
        List<List<List<String>>> cells = new ArrayList<>();
        for (List<String> row : concat(headers, rows)) {
            List<List<String>> wrapped = new ArrayList<>();
            for (int c = 0; c < headers.size(); c++) wrapped.add(Format.wrap(row.get(c), caps[c]));
            cells.add(wrapped);
        }
        int[] widths = new int[headers.size()];
        for (List<List<String>> row : cells) {
            for (int c = 0; c < widths.length; c++) {
                for (String line : row.get(c)) widths[c] = Math.max(widths[c], line.length());
            }
        }
        StringBuilder rule = new StringBuilder("+");
        for (int w : widths) rule.append("-".repeat(w + 2)).append('+');
        StringBuilder out = new StringBuilder().append(rule).append('\n');
        for (int r = 0; r < cells.size(); r++) {
            List<List<String>> row = cells.get(r);
            int height = row.stream().mapToInt(List::size).max().orElse(1);
            for (int i = 0; i < height; i++) {
                out.append('|');
                for (int c = 0; c < widths.length; c++) {
                    String text = i < row.get(c).size() ? row.get(c).get(i) : "";
                    String padded = text + " ".repeat(widths[c] - text.length());
                    out.append(' ').append(r > 0 && c == statusColumn ? paint(padded, status(text), color) : padded)
                            .append(" |");
                }
                out.append('\n');
            }
            out.append(rule).append('\n');
        }
        return out.toString();
    }

    private static List<List<String>> concat(List<String> headers, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>(rows.size() + 1);
        all.add(headers);
        all.addAll(rows);
        return all;
    }

    private static Status status(String text) {
        for (Status s : Status.values()) if (s.name().equals(text.strip())) return s;
        return null;
    }

    static String paint(String text, Status status, boolean color) {
        if (!color || status == null) return text;
        String code = switch (status) {
            case PASS -> "\u001B[32m";
            case FLAG -> "\u001B[33m";
            case BLOCK -> "\u001B[31m";
        };
        return code + text + RESET;
    }
}
