package dev.rehearse.analyze;

import dev.rehearse.load.Latencies;
import dev.rehearse.load.LoadEvent;
import dev.rehearse.migrate.ExecutedStatement;
import dev.rehearse.migrate.Migration;
import dev.rehearse.model.Report;

import java.util.ArrayList;
import java.util.List;

/**
 * Each migration's span in a run and the load-alone windows around it: the workload before it (since the previous
 * migration ended, or the load began) and after it (until the next began, or the load ended). With
 * {@code load.settle_seconds} between migrations each one's after window is also the next one's before.
 */
public final class MigrationWindows {

    /**
     * @param startNanos its first statement's start
     * @param endNanos the end of its last transaction
     */
    public record Window(Migration migration, int firstStatement, int lastStatement, long beforeFrom, long startNanos,
                         long endNanos, long afterTo) {}

    private MigrationWindows() {}

    /**
     * @param loadFrom when the load began (the baseline's start)
     * @param loadTo when it ended; before the last migration's end (no load) the after window is empty
     */
    public static List<Window> of(List<ExecutedStatement> statements, long loadFrom, long loadTo) {
        List<Window> out = new ArrayList<>();
        int i = 0;
        while (i < statements.size()) {
            Migration m = statements.get(i).migration();
            int first = i;
            long end = statements.get(i).transactionEndNanos();
            while (i + 1 < statements.size() && statements.get(i + 1).migration() == m) {
                i++;
                end = Math.max(end, statements.get(i).transactionEndNanos());
            }
            long before = out.isEmpty() ? loadFrom : out.get(out.size() - 1).endNanos();
            out.add(new Window(m, statements.get(first).index(), statements.get(i).index(), before,
                    statements.get(first).startNanos(), end, 0));
            i++;
        }
        for (int k = 0; k < out.size(); k++) {
            Window w = out.get(k);
            long after = k + 1 < out.size() ? out.get(k + 1).startNanos() : Math.max(w.endNanos(), loadTo);
            out.set(k, new Window(w.migration(), w.firstStatement(), w.lastStatement(), w.beforeFrom(), w.startNanos(),
                    w.endNanos(), after));
        }
        return out;
    }

    /** The window holding statement {@code index}, or null. */
    public static Window holding(List<Window> windows, int index) {
        for (Window w : windows) if (index >= w.firstStatement() && index <= w.lastStatement()) return w;
        return null;
    }

    /** A migration's figures: the workload before, during and after it, and each query's before and after. */
    public static Report.MigrationTraffic traffic(Window w, List<LoadEvent> events) {
        java.util.Map<String, List<LoadEvent>> byQuery = new java.util.TreeMap<>();
        for (LoadEvent e : events) {
            boolean around = e.intendedNanos() >= w.beforeFrom() && e.intendedNanos() < w.startNanos()
                    || e.intendedNanos() >= w.endNanos() && e.intendedNanos() < w.afterTo();
            if (around && e.query() != null) byQuery.computeIfAbsent(e.query(), q -> new ArrayList<>());
        }
        for (LoadEvent e : events) {
            List<LoadEvent> mine = e.query() == null ? null : byQuery.get(e.query());
            if (mine != null) mine.add(e);
        }
        List<Report.QueryTraffic> queries = new ArrayList<>();
        byQuery.forEach((q, mine) -> queries.add(new Report.QueryTraffic(q,
                Latencies.traffic(mine, w.beforeFrom(), w.startNanos()), Latencies.traffic(mine, w.endNanos(), w.afterTo()))));
        return new Report.MigrationTraffic(w.migration().name(), w.firstStatement(), w.lastStatement(),
                Latencies.traffic(events, w.beforeFrom(), w.startNanos()),
                Latencies.traffic(events, w.startNanos(), w.endNanos()),
                Latencies.traffic(events, w.endNanos(), w.afterTo()), queries);
    }
}
