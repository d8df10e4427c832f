package dev.rehearse.observe;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One clock for everything a rehearsal records: samplers, the load generator and the migration runner
 * stamp their events with {@link System#nanoTime()}, and reports express them as milliseconds since
 * {@link #origin()}. What samplers observe is kept here as typed series, one per {@link SeriesKey}.
 */
public final class Timeline {

    /** The lock sampler's polls: every relation lock held or awaited, and every other awaited lock. */
    public static final SeriesKey<List<LockSample.SessionLock>> LOCKS = SeriesKey.of("locks");

    /**
     * The replication sampler's polls, every {@link #REPLICATION_INTERVAL_MS} while a replica runs; empty without one.
     */
    public static final SeriesKey<ReplicationSample> REPLICATION = SeriesKey.of("replication");

    /** How often the replication sampler polls. */
    public static final int REPLICATION_INTERVAL_MS = 100;

    private final long origin = System.nanoTime();
    private final Map<String, Series<?>> series = new HashMap<>();

    public long origin() {
        return origin;
    }

    public long ms(long nanos) {
        return Math.round((nanos - origin) / 1e6);
    }

    /** The series for {@code key}, created empty on first use. */
    @SuppressWarnings("unchecked") // a name maps to one key object, so to one value type
    public synchronized <T> Series<T> series(SeriesKey<T> key) {
        Series<?> s = series.computeIfAbsent(key.name(), n -> new Series<>(key));
        if (s.key() != key) throw new IllegalArgumentException("another series is already named " + key.name());
        return (Series<T>) s;
    }

    public void add(LockSample sample) {
        series(LOCKS).add(sample.atNanos(), sample.untilNanos(), sample.locks());
    }

    /** The lock series as samples, in time order. */
    public List<LockSample> lockSamples() {
        return asLockSamples(series(LOCKS).points());
    }

    /** Lock samples taken in {@code [fromNanos, toNanos]}. */
    public List<LockSample> lockSamples(long fromNanos, long toNanos) {
        return asLockSamples(series(LOCKS).between(fromNanos, toNanos));
    }

    private static List<LockSample> asLockSamples(List<Series.Point<List<LockSample.SessionLock>>> points) {
        return points.stream().map(p -> new LockSample(p.atNanos(), p.untilNanos(), p.value())).toList();
    }
}
