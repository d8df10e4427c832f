package dev.rehearse.report;

import dev.rehearse.model.Report;
import dev.rehearse.model.Report.Finding;

import static dev.rehearse.report.Format.list;
import static dev.rehearse.report.Format.or;

/**
 * {@code lint} in a terminal or CI log: one line per finding, {@code file:line  rule-id  message}, the safe
 * rewrite indented below it, then the categories and the verdict. Compiler-style lines, so editors and CI
 * annotators can jump to them.
 */
public final class LintConsoleReport {

    private LintConsoleReport() {}

    public static String render(Report r) {
        StringBuilder out = new StringBuilder();
        long suppressed = 0;
        for (Finding f : list(r.findings())) {
            if (!f.counts()) {
                suppressed++;
                continue;
            }
            out.append(or(f.file())).append(f.line() == null ? "" : ":" + f.line()).append("  ").append(f.status())
                    .append("  ").append(f.rule()).append("  ").append(or(f.message())).append('\n');
            if (f.action() != null) {
                f.action().strip().lines().forEach(l -> out.append("    ").append(l).append('\n'));
            }
        }
        if (!list(r.findings()).isEmpty() && suppressed < list(r.findings()).size()) out.append('\n');
        for (Report.CategoryResult c : list(r.categories())) {
            out.append(String.format("%-26s %-5s %s%n", c.category() == null ? "-" : c.category().title(), c.status(),
                    c.status() == dev.rehearse.model.Status.PASS ? "" : Format.oneLine(c.issue(), 100)));
        }
        out.append('\n').append("VERDICT: ").append(r.verdict() == null ? "-" : r.verdict().title());
        if (r.verdictReason() != null) out.append(" - ").append(Format.oneLine(r.verdictReason(), 140));
        out.append('\n');
        if (suppressed > 0) out.append(suppressed).append(" suppressed finding").append(suppressed == 1 ? "" : "s")
                .append(" (listed in report.json with their reasons)\n");
        String reproduce = Format.reproduce(r);
        if (reproduce != null) out.append(reproduce).append('\n');
        return out.toString();
    }
}
