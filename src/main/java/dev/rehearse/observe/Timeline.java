package dev.rehearse.observe;

import java.util.ArrayList;
import java.util.List;

/**
 * One clock for everything a rehearsal records: samplers, the load generator and the migration runner
 * stamp their events with {@link System#nanoTime()}, and reports express them as milliseconds since
 * {@link #origin()}.
 */
public final class Timeline {

    private final long origin = System.nanoTime();
    private final List<LockSample> lockSamples = new ArrayList<>();

    public long origin() {
        return origin;
    }

    public long ms(long nanos) {
        return Math.round((nanos - origin) / 1e6);
    }

    public synchronized void add(LockSample sample) {
        lockSamples.add(sample);
    }

    /** A copy, in time order. */
    public synchronized List<LockSample> lockSamples() {
        return List.copyOf(lockSamples);
    }

    /** Samples taken in {@code [fromNanos, toNanos]}. */
    public synchronized List<LockSample> lockSamples(long fromNanos, long toNanos) {
        List<LockSample> out = new ArrayList<>();
        for (LockSample s : lockSamples) {
            if (s.atNanos() >= fromNanos && s.atNanos() <= toNanos) out.add(s);
        }
        return out;
    }
}
