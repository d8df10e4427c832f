package dev.rehearse.load;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatenciesTest {

    private static final long MS = 1_000_000L;

    private static LoadEvent event(long intendedMs, long endMs) {
        return new LoadEvent("t", false, 1, intendedMs * MS, intendedMs * MS, endMs * MS, null);
    }

    @Test
    void percentilesOfLatencyMeasuredFromTheIntendedStart() {
        List<LoadEvent> events = new ArrayList<>();
        for (int i = 1; i <= 100; i++) events.add(event(0, i)); // 1..100 ms
        assertThat(Latencies.percentile(events, 50)).isCloseTo(50.0, within(0.1));
        assertThat(Latencies.percentile(events, 99)).isCloseTo(99.0, within(0.1));
        assertThat(Latencies.percentile(List.of(), 99)).isNull();
    }

    @Test
    void overlappingCountsQueriesInFlightAndWithinOnlyThoseWhollyInside() {
        LoadEvent startedBefore = event(90, 110), inside = event(120, 130), after = event(250, 260);
        List<LoadEvent> events = List.of(startedBefore, inside, after);
        assertThat(Latencies.overlapping(events, 100 * MS, 200 * MS)).containsExactly(startedBefore, inside);
        assertThat(Latencies.within(events, 100 * MS, 200 * MS)).containsExactly(inside);
    }

    @Test
    void trafficCountsTheQueriesDueInTheWindowAndTheCompletionsPerSecond() {
        List<LoadEvent> events = new ArrayList<>();
        // 1 s window: 100 queries due, 10 ms each; one stalled 600 ms, completing after the window
        for (int i = 0; i < 99; i++) events.add(event(i * 10, i * 10 + 10));
        events.add(new LoadEvent("t", false, 1, 990 * MS, 990 * MS, 1_590 * MS, "canceling statement due to statement timeout",
                "pk_read:t", true));
        events.add(new LoadEvent("t", true, 1, 500 * MS, 500 * MS, 510 * MS, "deadlock", "pk_update:t", false));
        events.add(event(1_200, 1_210)); // due after the window
        var t = Latencies.traffic(events, 0, 1_000 * MS);
        assertThat(t.queries()).isEqualTo(101);
        assertThat(t.perSecond()).isEqualTo(100.0); // 99 + 1 completed inside, not the stalled one
        assertThat(t.p50Ms()).isCloseTo(10.0, within(0.1));
        assertThat(t.maxMs()).isEqualTo(600.0);
        assertThat(t.errors()).isEqualTo(2);
        assertThat(t.timeouts()).isEqualTo(1);
        // a 1 ms window is no rate
        assertThat(Latencies.traffic(events, 0, MS).perSecond()).isNull();
        assertThat(Latencies.traffic(List.of(), 0, 1_000 * MS)).satisfies(x -> {
            assertThat(x.queries()).isZero();
            assertThat(x.p99Ms()).isNull();
            assertThat(x.perSecond()).isEqualTo(0.0);
        });
    }
}
