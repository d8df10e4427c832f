package dev.rehearse.observe;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PositionClockTest {

    private static final long MS = 1_000_000L;

    @Test
    void lagIsHowLongAgoThePrimaryWasFirstSampledPastTheAppliedPosition() {
        PositionClock clock = new PositionClock();
        clock.primaryAt(0, 100);
        assertThat(clock.lagNanos(0, 100)).isZero();
        clock.primaryAt(100 * MS, 200);
        clock.primaryAt(200 * MS, 300);
        clock.primaryAt(300 * MS, 400);
        // applied 150: it lacks what was written by the 100 ms sample
        assertThat(clock.lagNanos(300 * MS, 150)).isEqualTo(200 * MS);
        assertThat(clock.lagNanos(400 * MS, 300)).isEqualTo(100 * MS);
        assertThat(clock.lagNanos(500 * MS, 400)).isZero();
    }

    @Test
    void anIdlePrimaryKeepsTheFirstTimeItReachedAPosition() {
        PositionClock clock = new PositionClock();
        clock.primaryAt(0, 100);
        clock.primaryAt(5_000 * MS, 100); // idle for 5 s: not a new mark
        clock.primaryAt(5_100 * MS, 200);
        // the replica lacks bytes written after 5 s of idling, not 5 s ago
        assertThat(clock.lagNanos(5_200 * MS, 100)).isEqualTo(100 * MS);
    }
}
