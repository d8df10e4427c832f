package dev.rehearse.analyze;

import dev.rehearse.load.LoadEvent;
import dev.rehearse.observe.LockSample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which application queries a lock held up, joined from the load generator's own events and the lock sampler.
 * Pure: everything comes in as recorded data.
 *
 * <p>A query waited on a lock <em>directly</em> when the sampler saw its session not granted a lock (one the
 * caller's filter accepts) at some instant while the query ran, in {@code [startNanos, endNanos]}. It was
 * <em>queued</em> behind a client that was when it was scheduled while such a directly blocked query was stuck
 * ({@code d.startNanos <= intendedNanos < d.endNanos}) and could start only after that one finished
 * ({@code startNanos >= d.endNanos}): every client was busy and at least one was stuck on the lock. A query
 * merely scheduled while one client of several was stuck starts on another at once and is not counted.
 *
 * <p>The wait of a blocked query, direct or queued, is what the application saw: its latency from the
 * timestamps, {@code endNanos - intendedNanos} (from when the open-loop schedule meant it to start to its
 * answer). No sample count and no sampling interval enter it, so it does not drift when the sampler lags.
 */
public final class LockWaits {

    private LockWaits() {}

    /**
     * One wait the sampler saw: a session not granted a lock, from its first to its last not-granted sample.
     *
     * @param relation the relation it waited for, null for a row or transaction lock
     * @param mode the mode it asked for (of its request on {@code relation}), in the engine's own name
     */
    public record Episode(long session, String relation, String mode, long firstNanos, long lastNanos) {}

    /**
     * What the join found.
     *
     * @param waitNanos per event (in the order given), its wait, or -1 when no lock held it up
     * @param direct per event, whether it waited in the server itself (false for a queued one)
     * @param unmatched episodes no event accounts for (a session outside the load generator, or a wait the
     *                  events do not cover)
     */
    public record Joined(long[] waitNanos, boolean[] direct, List<Episode> unmatched) {

        /** Queries a lock held up, directly or in the queue. */
        public long count() {
            return Arrays.stream(waitNanos).filter(w -> w >= 0).count();
        }

        public long directCount() {
            long n = 0;
            for (boolean d : direct) if (d) n++;
            return n;
        }

        /** The longest wait of a blocked query, 0 when none was. */
        public long maxNanos() {
            return Math.max(0, Arrays.stream(waitNanos).max().orElse(0));
        }
    }

    /** The sampler's waits, one per session and query ({@code queryStartMicros}), for lock requests {@code waits} accepts. */
    public static List<Episode> episodes(List<LockSample> samples, Predicate<LockSample.SessionLock> waits) {
        Map<List<Long>, long[]> spans = new LinkedHashMap<>();
        Map<List<Long>, String> relationOf = new HashMap<>();
        Map<List<Long>, String> modeOf = new HashMap<>();
        for (LockSample sample : samples) {
            for (LockSample.SessionLock sl : sample.locks()) {
                if (sl.granted() || !waits.test(sl)) continue;
                List<Long> key = List.of(sl.session(), sl.queryStartMicros());
                long[] span = spans.computeIfAbsent(key, k -> new long[]{sample.atNanos(), sample.atNanos()});
                span[0] = Math.min(span[0], sample.atNanos());
                span[1] = Math.max(span[1], sample.atNanos());
                if (sl.relation() != null && !relationOf.containsKey(key)) {
                    relationOf.put(key, sl.relation());
                    modeOf.put(key, sl.mode());
                }
                modeOf.putIfAbsent(key, sl.mode());
            }
        }
        List<Episode> out = new ArrayList<>();
        spans.forEach((k, span) -> out.add(new Episode(k.get(0), relationOf.get(k), modeOf.get(k), span[0], span[1])));
        return out;
    }

    /** The load's queries joined with the sampler's waits: which the waits held up, directly or in the queue, and for how long. */
    public static Joined join(List<LoadEvent> events, List<Episode> episodes) {
        Map<Long, List<Episode>> bySession = new HashMap<>();
        for (Episode e : episodes) bySession.computeIfAbsent(e.session(), k -> new ArrayList<>()).add(e);
        long[] wait = new long[events.size()];
        boolean[] direct = new boolean[events.size()];
        Arrays.fill(wait, -1);
        java.util.Set<Episode> matched = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<LoadEvent> stuck = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            LoadEvent e = events.get(i);
            for (Episode ep : bySession.getOrDefault(e.session(), List.of())) {
                if (ep.firstNanos() <= e.endNanos() && ep.lastNanos() >= e.startNanos()) {
                    matched.add(ep);
                    direct[i] = true;
                }
            }
            if (direct[i]) {
                wait[i] = e.endNanos() - e.intendedNanos();
                stuck.add(e);
            }
        }
        stuck.sort(Comparator.comparingLong(LoadEvent::endNanos));
        long[] ends = stuck.stream().mapToLong(LoadEvent::endNanos).toArray();
        for (int i = 0; i < events.size(); i++) {
            if (direct[i]) continue;
            LoadEvent e = events.get(i);
            // a stuck query that ended after this one was scheduled and no later than it started
            for (int j = upperBound(ends, e.intendedNanos()); j < ends.length && ends[j] <= e.startNanos(); j++) {
                if (stuck.get(j).startNanos() <= e.intendedNanos()) {
                    wait[i] = e.endNanos() - e.intendedNanos();
                    break;
                }
            }
        }
        List<Episode> unmatched = episodes.stream().filter(ep -> !matched.contains(ep)).toList();
        return new Joined(wait, direct, unmatched);
    }

    /** Milliseconds each event waited on a lock (directly or queued behind a client that did), 0 when none; in the order of {@code events}. */
    public static long[] perQuery(List<LoadEvent> events, List<LockSample> samples) {
        long[] wait = join(events, episodes(samples, l -> true)).waitNanos();
        return Arrays.stream(wait).map(w -> w < 0 ? 0 : Math.max(1, Math.round(w / 1e6))).toArray();
    }

    /** First index whose value is greater than {@code key}. */
    private static int upperBound(long[] a, long key) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= key) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
