package dev.rehearse.analyze;

import dev.rehearse.load.LoadEvent;
import dev.rehearse.observe.LockSample;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LockWaitsTest {

    private static final long MS = 1_000_000L;

    @Test
    void eachQueryIsCreditedWithTheWaitsOfItsOwnSessionWhileItRan() {
        List<LockSample> samples = new ArrayList<>();
        for (long t = 100; t < 400; t += 10) {
            samples.add(new LockSample(t * MS, List.of(
                    new LockSample.SessionLock(7, "orders", "AccessShareLock", false, List.of(1L), 1, "SELECT"),
                    new LockSample.SessionLock(8, "orders", "AccessShareLock", true, List.of(), 1, "SELECT"))));
        }
        List<LoadEvent> events = List.of(
                new LoadEvent("orders", false, 7, 95 * MS, 95 * MS, 405 * MS, null),   // waited the whole 300 ms
                new LoadEvent("orders", false, 7, 500 * MS, 500 * MS, 501 * MS, null), // later query, same session
                new LoadEvent("orders", false, 8, 95 * MS, 95 * MS, 405 * MS, null));  // granted all along
        assertThat(LockWaits.perQuery(events, samples, 10 * MS)).containsExactly(300, 0, 0);
    }
}
