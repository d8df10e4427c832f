package dev.rehearse.analyze;

import dev.rehearse.load.LoadEvent;
import dev.rehearse.observe.LockSample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How long each application query waited on a lock: the sampler's not-granted samples of the query's
 * session while it ran, each standing for one sampling interval. Known to within one interval.
 */
public final class LockWaits {

    private LockWaits() {}

    /** Milliseconds each event waited, in the order of {@code events}. */
    public static long[] perQuery(List<LoadEvent> events, List<LockSample> samples, long intervalNanos) {
        Map<Long, List<Long>> waitingAt = new HashMap<>();
        for (LockSample s : samples) {
            for (LockSample.SessionLock l : s.locks()) {
                if (!l.granted()) waitingAt.computeIfAbsent(l.session(), k -> new ArrayList<>()).add(s.atNanos());
            }
        }
        Map<Long, long[]> sorted = new HashMap<>();
        waitingAt.forEach((session, times) -> sorted.put(session,
                times.stream().mapToLong(Long::longValue).distinct().sorted().toArray()));
        long[] out = new long[events.size()];
        for (int i = 0; i < events.size(); i++) {
            LoadEvent e = events.get(i);
            long[] times = sorted.get(e.session());
            if (times == null) continue;
            int from = lowerBound(times, e.startNanos()), to = lowerBound(times, e.endNanos() + 1);
            out[i] = Math.round((to - from) * intervalNanos / 1e6);
        }
        return out;
    }

    private static int lowerBound(long[] a, long key) {
        int i = Arrays.binarySearch(a, key);
        return i >= 0 ? i : -i - 1;
    }
}
