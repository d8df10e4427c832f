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
}
