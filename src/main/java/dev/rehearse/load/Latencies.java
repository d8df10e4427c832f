package dev.rehearse.load;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;

/** Latency figures over workload events: one way to pick a window and one way to take a percentile. */
public final class Latencies {

    private static final long MAX_MICROS = 3_600_000_000L;

    private Latencies() {}

    /** The p-th percentile of latency in ms (to HdrHistogram's 3 significant digits), null without events. */
    public static Double percentile(List<LoadEvent> events, double p) {
        return percentile(new Histogram(MAX_MICROS, 3), events, p);
    }

    /** {@link #percentile} of each group, in order; one histogram reused, for many small groups (time windows). */
    public static List<Double> percentileOfEach(List<List<LoadEvent>> groups, double p) {
        Histogram h = new Histogram(MAX_MICROS, 3);
        List<Double> out = new ArrayList<>(groups.size());
        for (List<LoadEvent> g : groups) {
            h.reset();
            out.add(percentile(h, g, p));
        }
        return out;
    }

    private static Double percentile(Histogram h, List<LoadEvent> events, double p) {
        if (events.isEmpty()) return null;
        for (LoadEvent e : events) h.recordValue(Math.max(1, Math.min((long) (e.latencyMs() * 1000), MAX_MICROS)));
        return h.getValueAtPercentile(p) / 1000.0;
    }

    /** Queries in flight (or waiting to start) at any time in {@code [from, to]}. */
    public static List<LoadEvent> overlapping(List<LoadEvent> events, long from, long to) {
        return events.stream().filter(e -> e.overlaps(from, to)).toList();
    }

    /** Queries meant to start and finished inside {@code [from, to]}: a clean baseline window. */
    public static List<LoadEvent> within(List<LoadEvent> events, long from, long to) {
        return events.stream().filter(e -> e.intendedNanos() >= from && e.endNanos() <= to).toList();
    }

    /** Below this a window is too short for its completions to be a rate. */
    static final long MIN_RATE_WINDOW_NANOS = 100_000_000L;

    /**
     * The workload over {@code [from, to)}: the queries due in it (their latencies from when each was due, their
     * errors and timeouts), and the completions in it per second, the throughput the application saw.
     */
    public static dev.rehearse.model.Report.Traffic traffic(List<LoadEvent> events, long from, long to) {
        List<LoadEvent> due = new ArrayList<>();
        long completed = 0;
        for (LoadEvent e : events) {
            if (e.intendedNanos() >= from && e.intendedNanos() < to) due.add(e);
            if (e.endNanos() >= from && e.endNanos() < to) completed++;
        }
        Double perSecond = to - from < MIN_RATE_WINDOW_NANOS ? null : round(completed / ((to - from) / 1e9));
        Histogram h = new Histogram(MAX_MICROS, 3);
        Double p50 = percentile(h, due, 50);
        Double p99 = due.isEmpty() ? null : h.getValueAtPercentile(99) / 1000.0;
        Double max = due.isEmpty() ? null : due.stream().mapToDouble(LoadEvent::latencyMs).max().getAsDouble();
        return new dev.rehearse.model.Report.Traffic(due.size(), perSecond, round(p50), round(p99), round(max),
                due.stream().filter(e -> e.error() != null).count(), due.stream().filter(LoadEvent::timedOut).count());
    }

    private static Double round(Double v) {
        return v == null ? null : Math.round(v * 100) / 100.0;
    }
}
