package dev.rehearse.analyze;

import dev.rehearse.load.LoadEvent;
import dev.rehearse.observe.LockSample;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LockWaitsTest {

    private static final long MS = 1_000_000L;
    private static final long MIGRATION = 1;

    @Test
    void eachQueryIsCreditedWithItsOwnLatencyWhenItsSessionWasSeenWaitingWhileItRan() {
        List<LockSample> samples = new ArrayList<>();
        for (long t = 100; t < 400; t += 10) {
            samples.add(new LockSample(t * MS, List.of(
                    new LockSample.SessionLock(7, "orders", "AccessShareLock", false, List.of(1L), 1, "SELECT"),
                    new LockSample.SessionLock(8, "orders", "AccessShareLock", true, List.of(), 1, "SELECT"))));
        }
        List<LoadEvent> events = List.of(
                new LoadEvent("orders", false, 7, 95 * MS, 95 * MS, 405 * MS, null),   // waited the whole 310 ms
                new LoadEvent("orders", false, 7, 500 * MS, 500 * MS, 501 * MS, null), // later query, same session
                new LoadEvent("orders", false, 8, 95 * MS, 95 * MS, 405 * MS, null));  // granted all along
        assertThat(LockWaits.perQuery(events, samples)).containsExactly(310, 0, 0);
    }

    @Test
    void theWaitComesFromTimestampsNotFromHowOftenTheSamplerLooked() {
        // a lagging sampler: three looks at a 2 s wait
        List<LockSample> samples = new ArrayList<>();
        for (long t : new long[]{1_100, 1_900, 2_800}) samples.add(waiting(t, 7));
        List<LoadEvent> events = List.of(new LoadEvent("orders", false, 7, 1_000 * MS, 1_000 * MS, 3_000 * MS, null));
        LockWaits.Joined j = LockWaits.join(events, LockWaits.episodes(samples, l -> true));
        assertThat(j.count()).isEqualTo(1);
        assertThat(j.maxNanos()).isEqualTo(2_000 * MS);
    }

    /**
     * Two clients, a query every 10 ms, and a 1 s stall from 1000 ms: both clients are stuck in the server and the
     * hundred queries scheduled meanwhile queue behind them, then drain after 2000 ms.
     */
    @Test
    void queriesQueuedBehindStuckClientsAreBlockedToo() {
        List<LoadEvent> events = new ArrayList<>();
        events.add(new LoadEvent("orders", false, 7, 900 * MS, 900 * MS, 901 * MS, null)); // before: not blocked
        events.add(new LoadEvent("orders", false, 7, 1_000 * MS, 1_000 * MS, 2_001 * MS, null)); // stuck
        events.add(new LoadEvent("orders", false, 8, 1_010 * MS, 1_010 * MS, 2_001 * MS, null)); // stuck
        long drained = 2_002;
        for (long t = 1_020; t < 2_000; t += 10) {
            long start = drained;
            drained += 1;
            events.add(new LoadEvent("orders", false, t % 20 == 0 ? 7 : 8, t * MS, start * MS, drained * MS, null));
        }
        // scheduled after the stall, while the backlog drains: queued, but not behind a stuck client
        events.add(new LoadEvent("orders", false, 7, 2_050 * MS, 2_100 * MS, 2_101 * MS, null));
        List<LockSample> samples = new ArrayList<>();
        for (long t = 1_050; t <= 1_990; t += 100) samples.add(new LockSample(t * MS, List.of(lock(7), lock(8))));
        LockWaits.Joined j = LockWaits.join(events, LockWaits.episodes(samples, l -> l.blockedBy().contains(MIGRATION)));
        assertThat(j.directCount()).isEqualTo(2);
        assertThat(j.count()).isEqualTo(2 + 98);
        assertThat(j.waitNanos()[0]).isEqualTo(-1);
        assertThat(j.waitNanos()[j.waitNanos().length - 1]).isEqualTo(-1);
        assertThat(j.maxNanos()).isEqualTo(1_001 * MS); // the first stuck one; the first queued waited 2003 - 1020
        assertThat(j.unmatched()).isEmpty();
    }

    @Test
    void aQueryScheduledWhileOneClientOfSeveralWasStuckIsNotBlocked() {
        List<LoadEvent> events = List.of(
                new LoadEvent("orders", true, 7, 1_000 * MS, 1_000 * MS, 1_500 * MS, null), // stuck on a row
                new LoadEvent("orders", false, 8, 1_100 * MS, 1_100 * MS + 200_000, 1_101 * MS, null)); // ran on another
        List<LockSample> samples = List.of(waiting(1_200, 7));
        LockWaits.Joined j = LockWaits.join(events, LockWaits.episodes(samples, l -> true));
        assertThat(j.count()).isEqualTo(1);
        assertThat(j.waitNanos()[1]).isEqualTo(-1);
    }

    @Test
    void aWaitNoEventAccountsForIsLeftUnmatched() {
        List<LockSample> samples = List.of(waiting(1_200, 42), waiting(1_300, 42));
        LockWaits.Joined j = LockWaits.join(List.of(), LockWaits.episodes(samples, l -> true));
        assertThat(j.count()).isZero();
        assertThat(j.unmatched()).singleElement().satisfies(e -> {
            assertThat(e.session()).isEqualTo(42);
            assertThat(e.lastNanos() - e.firstNanos()).isEqualTo(100 * MS);
        });
    }

    private static LockSample waiting(long atMs, long session) {
        return new LockSample(atMs * MS, List.of(lock(session)));
    }

    private static LockSample.SessionLock lock(long session) {
        return new LockSample.SessionLock(session, "orders", "AccessShareLock", false, List.of(MIGRATION), 1, "SELECT");
    }
}
