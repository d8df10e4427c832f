package dev.rehearse.analyze;

import dev.rehearse.load.Latencies;
import dev.rehearse.load.LoadEvent;
import dev.rehearse.migrate.ExecutedStatement;
import dev.rehearse.model.Report;
import dev.rehearse.observe.LockSample;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rehearsal's observations cut into fixed windows for the report: enough to chart throughput, errors,
 * latency and lock waits over time without keeping every event and sample in report.json.
 */
public final class Downsample {

    /** Wide enough to stay small over a long run, narrow enough to show a 100 ms lock wait. */
    public static final long WINDOW_MS = 100;

    private Downsample() {}

    /**
     * @param originNanos the timeline's origin: window 0 starts here
     * @param events the workload's queries, each counted in the window it completed in
     * @param samples the lock sampler's polls
     */
    public static Report.Timeline windows(long originNanos, long windowMs, List<LoadEvent> events,
                                          List<LockSample> samples) {
        return windows(originNanos, windowMs, events, samples, List.of());
    }

    /** @param statements the migration's statements: each window names the one that ran longest in it */
    public static Report.Timeline windows(long originNanos, long windowMs, List<LoadEvent> events,
                                          List<LockSample> samples, List<ExecutedStatement> statements) {
        long windowNanos = windowMs * 1_000_000L;
        int count = 0;
        for (ExecutedStatement s : statements) count = Math.max(count, index(s.endNanos(), originNanos, windowNanos) + 1);
        for (LoadEvent e : events) count = Math.max(count, index(e.endNanos(), originNanos, windowNanos) + 1);
        for (LockSample s : samples) count = Math.max(count, index(s.atNanos(), originNanos, windowNanos) + 1);

        List<List<LoadEvent>> completed = new ArrayList<>(count);
        for (int i = 0; i < count; i++) completed.add(new ArrayList<>());
        for (LoadEvent e : events) completed.get(index(e.endNanos(), originNanos, windowNanos)).add(e);

        Integer[] waiting = new Integer[count];
        for (LockSample s : samples) {
            int i = index(s.atNanos(), originNanos, windowNanos);
            waiting[i] = Math.max(waiting[i] == null ? 0 : waiting[i], sessionsWaiting(s));
        }

        List<Double> p99 = Latencies.percentileOfEach(completed, 99);
        List<Report.Window> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<LoadEvent> in = completed.get(i);
            long errors = in.stream().filter(e -> e.error() != null).count();
            out.add(new Report.Window(i * windowMs, in.size(), errors, round(p99.get(i)), waiting[i],
                    running(statements, originNanos + i * windowNanos, originNanos + (i + 1) * windowNanos)));
        }
        return new Report.Timeline(windowMs, out);
    }

    /** The statement that ran longest in {@code [from, to)}, by its index; null when none ran. */
    static Integer running(List<ExecutedStatement> statements, long from, long to) {
        Integer best = null;
        long longest = 0;
        for (ExecutedStatement s : statements) {
            long overlap = Math.min(to, Math.max(s.endNanos(), s.startNanos() + 1)) - Math.max(from, s.startNanos());
            if (overlap > longest) {
                longest = overlap;
                best = s.index();
            }
        }
        return best;
    }

    /** Sessions with at least one lock request not granted: a session waits on one lock at a time. */
    static int sessionsWaiting(LockSample s) {
        Set<Long> sessions = new HashSet<>();
        for (LockSample.SessionLock l : s.locks()) if (!l.granted()) sessions.add(l.session());
        return sessions.size();
    }

    /** Before the origin (not expected: the timeline starts first) counts in window 0. */
    private static int index(long atNanos, long originNanos, long windowNanos) {
        return (int) Math.max(0, (atNanos - originNanos) / windowNanos);
    }

    private static Double round(Double v) {
        return v == null ? null : Math.round(v * 100) / 100.0;
    }
}
