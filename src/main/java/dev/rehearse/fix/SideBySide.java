package dev.rehearse.fix;

import dev.rehearse.model.Report;
import dev.rehearse.model.Verdict;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The original and the fixed set's reports, one table: each set's verdict, then per statement of the migrations the
 * fix changed (and those it wrote) the lock it held and how long, the application queries blocked behind it, the
 * replica lag it caused (null where the run measured none: no replica) and the finding it drew.
 */
public final class SideBySide {

    private SideBySide() {}

    /**
     * @param original migrations (names) of the original set to show
     * @param fixed migrations (names) of the fixed set to show
     */
    public static String markdown(Report before, Report after, Set<String> original, Set<String> fixed) {
        StringBuilder b = new StringBuilder();
        b.append("| | original | fixed |\n|---|---|---|\n");
        b.append("| verdict | ").append(before.verdict().title()).append(" | ").append(after.verdict().title()).append(" |\n");
        b.append("| statements | ").append(before.statements().size()).append(" | ").append(after.statements().size())
                .append(" |\n\n");
        b.append("| set | migration | statement | lock | held | blocked queries | lag | finding |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        rows(b, "original", before, original);
        rows(b, "fixed", after, fixed);
        return b.toString();
    }

    private static void rows(StringBuilder b, String set, Report r, Set<String> shown) {
        for (Report.StatementReport s : r.statements()) {
            if (!shown.contains(s.migration())) continue;
            Report.Lock lock = strongest(s.locks());
            Report.Impact i = s.impact();
            String finding = r.findings().stream()
                    .filter(f -> f.counts() && f.statementIndex() != null && f.statementIndex() == s.index())
                    .map(f -> f.status() + " " + f.rule()).reduce((x, y) -> x + ", " + y).orElse("");
            b.append("| ").append(set).append(" | ").append(s.migration()).append(s.line() == null ? "" : ":" + s.line())
                    .append(" | `").append(oneLine(s.sql())).append("` | ")
                    .append(lock == null ? "none" : lock.mode()).append(" | ")
                    .append(lock == null || lock.heldMs() == null ? "–" : String.format(Locale.ROOT, "%,d ms", lock.heldMs()))
                    .append(" | ")
                    .append(i == null || i.blockedQueries() == null ? "–" : i.blockedQueries()
                            + (i.blockedQueries() > 0 && i.maxBlockedMs() != null
                            ? String.format(Locale.ROOT, " (longest %,d ms)", i.maxBlockedMs()) : ""))
                    .append(" | ")
                    .append(s.replicationLagMaxMs() == null ? "–" : String.format(Locale.ROOT, "%,d ms", s.replicationLagMaxMs()))
                    .append(" | ").append(s.error() != null ? "failed: " + oneLine(s.error()) + (finding.isEmpty() ? "" : "; ") : "")
                    .append(finding).append(" |\n");
        }
    }

    /** Whether the fixed set is one to present as a fix. */
    public static boolean proven(Report fixed) {
        return fixed.verdict() == Verdict.SAFE_TO_SHIP;
    }

    /** The lock that blocked most, held longest among equals: what the row names. */
    private static Report.Lock strongest(List<Report.Lock> locks) {
        Report.Lock best = null;
        for (Report.Lock l : locks) {
            if (best == null || weight(l) > weight(best)
                    || weight(l) == weight(best) && (l.heldMs() == null ? 0 : l.heldMs()) > (best.heldMs() == null ? 0 : best.heldMs())) {
                best = l;
            }
        }
        return best;
    }

    private static int weight(Report.Lock l) {
        return l.blocks() == null ? 0 : switch (l.blocks()) {
            case "reads_writes" -> 2;
            case "writes" -> 1;
            default -> 0;
        };
    }

    private static String oneLine(String sql) {
        String s = sql.strip().replaceAll("\\s+", " ").replace("|", "\\|").replace("`", "'");
        return s.length() > 90 ? s.substring(0, 87) + "..." : s;
    }
}
