package dev.rehearse.analyze;

import dev.rehearse.load.LoadEvent;
import dev.rehearse.model.Report;
import dev.rehearse.observe.LockSample;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DownsampleTest {

    private static final long ORIGIN = 1_000_000_000L;

    private static long at(double ms) {
        return ORIGIN + (long) (ms * 1_000_000);
    }

    /** A query meant to start at {@code intendedMs} that completed at {@code endMs}. */
    private static LoadEvent query(long session, double intendedMs, double endMs, String error) {
        return new LoadEvent("accounts", false, session, at(intendedMs), at(intendedMs), at(endMs), error);
    }

    private static LockSample.SessionLock lock(long session, boolean granted) {
        return new LockSample.SessionLock(session, "accounts", granted ? "AccessExclusiveLock" : "AccessShareLock",
                granted, granted ? List.of() : List.of(1L), 0, "q");
    }

    @Test
    void countsEachQueryInTheWindowItCompletedInWithItsLatencyPercentile() {
        List<LoadEvent> events = new ArrayList<>();
        for (int i = 0; i < 99; i++) events.add(query(2, 10, 12, null)); // 2 ms each, done in window 0
        events.add(query(2, 10, 60, null)); // 50 ms: the slowest 1 %
        events.add(query(3, 50, 250, "canceling statement due to lock timeout")); // started in 0, done in 2

        Report.Timeline t = Downsample.windows(ORIGIN, 100, events, List.of());
        assertThat(t.windowMs()).isEqualTo(100);
        assertThat(t.windows()).extracting(Report.Window::atMs).containsExactly(0L, 100L, 200L);
        Report.Window first = t.windows().get(0), empty = t.windows().get(1), last = t.windows().get(2);
        assertThat(first.queries()).isEqualTo(100);
        assertThat(first.errors()).isZero();
        assertThat(first.p99Ms()).isEqualTo(2.0);
        assertThat(empty.queries()).isZero();
        assertThat(empty.p99Ms()).isNull(); // nothing completed: not measured, not 0
        assertThat(last.queries()).isEqualTo(1);
        assertThat(last.errors()).isEqualTo(1);
        assertThat(last.p99Ms()).isCloseTo(200.0, org.assertj.core.data.Offset.offset(0.2)); // 3 significant digits
        assertThat(first.sessionsWaiting()).isNull(); // no lock sample was taken
    }

    @Test
    void sessionsWaitingIsTheMostWaitingSessionsInAnyOneSampleOfTheWindow() {
        List<LockSample> samples = List.of(
                new LockSample(at(5), List.of(lock(1, true))),
                new LockSample(at(15), List.of(lock(1, true), lock(2, false), lock(3, false))),
                // one session with two ungranted requests (a relation and a tuple) still is one session
                new LockSample(at(25), List.of(lock(1, true), lock(2, false), lock(2, false))),
                new LockSample(at(305), List.of(lock(1, true))));

        Report.Timeline t = Downsample.windows(ORIGIN, 100, List.of(), samples);
        assertThat(t.windows()).extracting(Report.Window::sessionsWaiting).containsExactly(2, null, null, 0);
        assertThat(t.windows()).allSatisfy(w -> assertThat(w.queries()).isZero());
        assertThat(Downsample.sessionsWaiting(samples.get(2))).isEqualTo(1);
    }

    @Test
    void nothingObservedIsNoWindows() {
        assertThat(Downsample.windows(ORIGIN, 100, List.of(), List.of()).windows()).isEmpty();
    }

    @Test
    void aWindowBoundaryBelongsToTheLaterWindow() {
        Report.Timeline t = Downsample.windows(ORIGIN, 100, List.of(query(2, 50, 100, null)), List.of());
        assertThat(t.windows()).extracting(Report.Window::queries).containsExactly(0L, 1L);
    }

    @Test
    void eachWindowNamesTheStatementThatRanLongestInIt() {
        var m = dev.rehearse.migrate.Migration.of("V1__x.sql", java.nio.file.Path.of("V1__x.sql"),
                List.of(new dev.rehearse.migrate.SqlStatement("SELECT 1", 1, dev.rehearse.migrate.SqlStatement.Kind.TRANSACTIONAL)),
                dev.rehearse.migrate.TransactionMode.AUTOCOMMIT, null);
        long ms = 1_000_000L;
        var first = new dev.rehearse.migrate.ExecutedStatement(1, m, m.statements().get(0), false, ORIGIN + 10 * ms,
                ORIGIN + 130 * ms, ORIGIN + 130 * ms, null, null, null, null, null);
        var second = new dev.rehearse.migrate.ExecutedStatement(2, m, m.statements().get(0), false, ORIGIN + 130 * ms,
                ORIGIN + 250 * ms, ORIGIN + 250 * ms, null, null, null, null, null);
        Report.Timeline t = Downsample.windows(ORIGIN, 100, List.of(), List.of(), List.of(first, second));
        assertThat(t.windows()).extracting(Report.Window::statement).containsExactly(1, 2, 2);
    }
}
