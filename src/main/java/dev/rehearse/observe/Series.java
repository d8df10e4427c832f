package dev.rehearse.observe;

import java.util.ArrayList;
import java.util.List;

/**
 * Timestamped values of one kind on the timeline's clock, kept in time order; appends may come from
 * any thread.
 *
 * @param <T> the type of each value
 */
public final class Series<T> {

    /**
     * One value and when it was taken ({@link System#nanoTime()}): the poll was sent at {@code atNanos} and its answer
     * arrived at {@code untilNanos}, so the server read what it reports somewhere in between. On a busy machine that
     * is several milliseconds, enough to see the next statement's lock in a poll sent before that statement began.
     */
    public record Point<T>(long atNanos, long untilNanos, T value) {
        public Point(long atNanos, T value) {
            this(atNanos, atNanos, value);
        }
    }

    private final SeriesKey<T> key;
    private final List<Point<T>> points = new ArrayList<>();

    Series(SeriesKey<T> key) {
        this.key = key;
    }

    public SeriesKey<T> key() {
        return key;
    }

    public void add(long atNanos, T value) {
        add(atNanos, atNanos, value);
    }

    /** A value read by a poll sent at {@code atNanos} whose answer arrived at {@code untilNanos}. */
    public synchronized void add(long atNanos, long untilNanos, T value) {
        int i = points.size();
        // One sampler appends in order; only values from several threads can arrive late, and by little.
        while (i > 0 && points.get(i - 1).atNanos() > atNanos) i--;
        points.add(i, new Point<>(atNanos, Math.max(atNanos, untilNanos), value));
    }

    /** A copy, in time order. */
    public synchronized List<Point<T>> points() {
        return List.copyOf(points);
    }

    /** Points taken in {@code [fromNanos, toNanos]}, in time order. */
    public synchronized List<Point<T>> between(long fromNanos, long toNanos) {
        // Long.MAX_VALUE ("to the end") must not wrap round to the first point.
        int from = lowerBound(fromNanos), to = toNanos == Long.MAX_VALUE ? points.size() : lowerBound(toNanos + 1);
        return from >= to ? List.of() : List.copyOf(points.subList(from, to));
    }

    public synchronized int size() {
        return points.size();
    }

    /** The first index whose point is at or after {@code atNanos}. */
    private int lowerBound(long atNanos) {
        int lo = 0, hi = points.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (points.get(mid).atNanos() < atNanos) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
