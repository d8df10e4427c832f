package dev.rehearse.report;

import dev.rehearse.model.Quantities;
import dev.rehearse.model.Report;
import dev.rehearse.model.Status;
import dev.rehearse.model.Report.CategoryResult;
import dev.rehearse.model.Report.Finding;
import dev.rehearse.model.Report.StatementReport;

import java.util.ArrayList;
import java.util.List;

import static dev.rehearse.report.Format.list;
import static dev.rehearse.report.Format.or;

/**
 * {@code report.md}: the report as a pull-request comment in GitHub-flavoured Markdown. Compact: the verdict, its
 * reason and the category table first, everything else folded in {@code <details>}; its first line is
 * {@link #MARKER}, which a bot looks for to update its own comment rather than add another.
 */
public final class MarkdownReport {

    /** The comment's first line, invisible once rendered: the same on every report, so one comment is kept up to date. */
    public static final String MARKER = "<!-- rehearse:report -->";

    private MarkdownReport() {}

    public static String render(Report r) {
        StringBuilder out = new StringBuilder(MARKER).append("\n## Migration rehearsal: **")
                .append(r.verdict() == null ? Format.NONE : r.verdict().title()).append("**\n\n");
        if (r.verdictReason() != null) out.append(text(r.verdictReason())).append("\n\n");

        List<List<String>> rows = new ArrayList<>();
        for (CategoryResult c : list(r.categories())) {
            rows.add(List.of(c.category() == null ? Format.NONE : c.category().title(), status(c.status()),
                    cell(c.issue()), cell(c.action())));
        }
        out.append(table(List.of("Category", "Status", "Issue", "Recommended Action"), rows));
        out.append('\n').append(summary(r)).append('\n');

        List<Finding> findings = list(r.findings());
        if (!findings.isEmpty()) {
            out.append(open("Findings (" + findings.size() + ")"));
            for (Finding f : findings) {
                if (f != findings.get(0)) out.append('\n');
                out.append(status(f.status())).append(" `").append(or(f.rule())).append('`')
                        .append(f.file() == null ? "" : " " + code(f.file() + (f.line() == null ? "" : ":" + f.line())))
                        .append(f.statementIndex() == null ? "" : ", statement #" + f.statementIndex())
                        .append(f.category() == null ? "" : " (" + f.category().title() + ")")
                        .append(f.suppressed() == null ? "" : " *suppressed (" + f.suppressed().by() + "): "
                                + text(or(f.suppressed().reason())) + "*").append(": ")
                        .append(text(or(f.message()))).append('\n');
                if (Format.isSql(f.action())) {
                    String fence = "```";
                    while (f.action().contains(fence)) fence += "`"; // a fence the rewrite cannot close early
                    out.append('\n').append(fence).append("sql\n").append(f.action().strip()).append('\n')
                            .append(fence).append('\n');
                } else if (f.action() != null) {
                    out.append("\nRecommended: ").append(text(f.action())).append('\n');
                }
            }
            out.append(CLOSE);
        }

        if (!list(r.statements()).isEmpty()) {
            out.append(open("Statements (" + r.statements().size() + ")"));
            rows = new ArrayList<>();
            for (StatementReport s : list(r.statements())) {
                rows.add(List.of(String.valueOf(s.index()), cell(Format.location(s)), code(Format.oneLine(s.sql(), 60)),
                        Quantities.number(s.durationMs()) + (s.error() == null ? "" : " **failed**"),
                        cell(String.join("\n", Format.locks(s))), cell(String.join("\n", Format.effects(s))),
                        cell(Format.blocked(s.impact())), cell(Format.p99(s.impact()))));
            }
            out.append(table(List.of("#", "Migration", "SQL", "ms", "Locks", "Rewrote / scanned", "Blocked queries",
                    "p99 vs baseline"), rows));
            List<String> notes = Format.notes(r.statements());
            if (!notes.isEmpty()) out.append('\n');
            notes.forEach(n -> out.append("- ").append(text(n)).append('\n'));
            out.append(CLOSE);
        }

        List<List<String>> traffic = Format.trafficRows(r);
        if (!traffic.isEmpty()) {
            out.append(open("Workload around each migration"));
            out.append(table(List.of("Migration", "Before", "During", "After"),
                    traffic.stream().map(row -> row.stream().map(MarkdownReport::cell).toList()).toList()));
            List<List<String>> queries = new ArrayList<>();
            for (Report.MigrationTraffic m : r.load().migrations()) {
                for (Report.QueryTraffic q : list(m.queries())) {
                    queries.add(List.of(cell(m.migration()), code(q.query()), cell(Format.traffic(q.before())),
                            cell(Format.traffic(q.after()))));
                }
            }
            if (!queries.isEmpty()) {
                out.append("\nEach query before and after:\n\n")
                        .append(table(List.of("Migration", "Query", "Before", "After"), queries));
            }
            out.append(CLOSE);
        }

        out.append(open("Seed, load and run"));
        Format.facts(r).forEach(f -> out.append("- ").append(text(f)).append('\n'));
        return out.append(CLOSE).toString();
    }

    private static final String CLOSE = "\n</details>\n";

    private static String open(String summary) {
        return "\n<details>\n<summary>" + text(summary) + "</summary>\n\n";
    }

    /** {@code 1 BLOCK, 1 FLAG · 3 statements · postgres 16.15 (embedded) · wall time 3 min 5 s · rehearse 0.1.0}. */
    private static String summary(Report r) {
        long block = list(r.findings()).stream().filter(f -> f.counts() && f.status() == Status.BLOCK).count();
        long flag = list(r.findings()).stream().filter(f -> f.counts() && f.status() == Status.FLAG).count();
        long suppressed = list(r.findings()).stream().filter(f -> !f.counts()).count();
        String findings = block + flag == 0 ? "no findings" : (block > 0 ? block + " BLOCK" : "")
                + (block > 0 && flag > 0 ? ", " : "") + (flag > 0 ? flag + " FLAG" : "");
        return findings + (suppressed > 0 ? " (" + suppressed + " suppressed)" : "")
                + (list(r.statements()).isEmpty() ? "" : " · " + r.statements().size()
                + (r.statements().size() == 1 ? " statement" : " statements"))
                + " · " + text(Format.engine(r)) + " · wall time " + Format.wallTime(r) + " · " + text(Format.tool(r));
    }

    private static String table(List<String> headers, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        row(out, headers);
        row(out, headers.stream().map(h -> "---").toList());
        rows.forEach(r -> row(out, r));
        return out.toString();
    }

    private static void row(StringBuilder out, List<String> cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    /** Bold when it needs attention, so the eye finds FLAG and BLOCK among the PASSes. */
    private static String status(Status s) {
        return s == null ? Format.NONE : s == Status.PASS ? "PASS" : "**" + s + "**";
    }

    /** Plain text in a table cell: a pipe would end the cell and a newline the row. */
    static String cell(String s) {
        return s == null || s.isEmpty() ? Format.NONE : text(s).replace("|", "\\|").replaceAll("\\R", "<br>");
    }

    /** Plain text: GitHub renders HTML in comments, so a {@code <} from SQL or an error must not start a tag. */
    private static String text(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A code span in a table cell; GitHub's table parser takes {@code \|} as a pipe even inside code. */
    private static String code(String s) {
        String tick = s.contains("`") ? "`` " : "`";
        return tick + s.replace("|", "\\|") + new StringBuilder(tick).reverse();
    }
}
