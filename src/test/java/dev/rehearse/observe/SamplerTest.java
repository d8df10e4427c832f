package dev.rehearse.observe;

import dev.rehearse.engine.postgres.EmbeddedPostgresProvisioner;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The generic sampler on a real embedded PostgreSQL: pacing, the achieved-interval distribution, giving up. */
class SamplerTest {

    private static final SeriesKey<Long> PIDS = SeriesKey.of("backend-pid");

    private static Database db;

    @BeforeAll
    static void start() {
        db = new EmbeddedPostgresProvisioner().start(EngineSpec.parse("postgres:16"));
    }

    @AfterAll
    static void stop() {
        if (db != null) db.close();
    }

    private static long backendPid(java.sql.Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void itsPollsAndFailuresGoToTheRegistryTheCallerBinds() throws Exception {
        var meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        Timeline timeline = new Timeline();
        SeriesKey<Long> key = SeriesKey.of("metered");
        Sampler<Long> sampler = new Sampler<>(db, "rehearse-test", SamplerTest::backendPid, timeline, key, 5, 3, meters);
        sampler.start();
        Thread.sleep(300);
        sampler.close();
        var poll = meters.get("rehearse.sampler.poll").tag("series", "metered").timer();
        assertThat(poll.count()).isEqualTo(timeline.series(key).points().size()).isGreaterThan(10);
        assertThat(poll.max(java.util.concurrent.TimeUnit.MILLISECONDS)).isGreaterThan(0);

        SeriesKey<Long> failing = SeriesKey.of("failing");
        Sampler<Long> broken = new Sampler<>(db, "rehearse-test", c -> { throw new SQLException("no"); }, new Timeline(),
                failing, 5, 3, meters);
        broken.start();
        Thread.sleep(200);
        broken.close();
        assertThat(meters.get("rehearse.sampler.failures").tag("series", "failing").counter().count()).isEqualTo(3);
    }

    @Test
    void samplesAtItsIntervalIntoItsSeriesAndKeepsTheAchievedIntervals() throws Exception {
        Timeline timeline = new Timeline();
        Sampler<Long> sampler = new Sampler<>(db, "rehearse-test", SamplerTest::backendPid, timeline, PIDS, 10);
        try (sampler) {
            sampler.start();
            Thread.sleep(600);
        }
        List<Series.Point<Long>> points = timeline.series(PIDS).points();
        assertThat(points).hasSizeGreaterThan(10);
        assertThat(points.stream().map(Series.Point::value).distinct()).hasSize(1); // one connection throughout
        assertThat(points).isSortedAccordingTo(java.util.Comparator.comparingLong(Series.Point::atNanos));

        Sampler.Intervals i = sampler.intervals();
        assertThat(i).isNotNull();
        assertThat(i.count()).isEqualTo(points.size() - 1);
        assertThat(i.medianMs()).isBetween(5.0, 50.0);
        assertThat(i.p99Ms()).isGreaterThanOrEqualTo(i.medianMs());
        assertThat(i.maxMs()).isGreaterThanOrEqualTo(i.p99Ms());
        assertThat(sampler.achievedIntervalMs()).isEqualTo(i.medianMs());
        assertThat(sampler.failure()).isNull();
        assertThat(sampler.gaveUp()).isFalse();
    }

    @Test
    void stopsAfterTheFailureLimitOfPollsFailingInARow() throws Exception {
        Timeline timeline = new Timeline();
        int[] polls = {0};
        Sampler<Long> sampler = new Sampler<>(db, "rehearse-test", c -> {
            polls[0]++;
            throw new SQLException("probe failed " + polls[0]);
        }, timeline, PIDS, 5, 3);
        try (sampler) {
            sampler.start();
            awaitStopped(sampler);
            assertThat(sampler.gaveUp()).isTrue();
            assertThat(polls[0]).isEqualTo(3);
            assertThat(sampler.failure()).isEqualTo("probe failed 3");
            assertThat(sampler.intervals()).isNull();
            assertThat(timeline.series(PIDS).points()).isEmpty();
        }
    }

    @Test
    void stopsAtOnceWhenItsConnectionIsGone() throws Exception {
        Timeline timeline = new Timeline();
        int[] polls = {0};
        Sampler<Long> sampler = new Sampler<>(db, "rehearse-test", c -> {
            if (++polls[0] == 3) c.close(); // as if the server had dropped the session
            return backendPid(c);
        }, timeline, PIDS, 5);
        try (sampler) {
            sampler.start();
            awaitStopped(sampler);
            assertThat(sampler.gaveUp()).isTrue();
            assertThat(polls[0]).isEqualTo(3); // not the failure limit: a lost connection won't come back
            assertThat(sampler.failure()).isNotNull();
            assertThat(timeline.series(PIDS).points()).hasSize(2);
        }
    }

    private static void awaitStopped(Sampler<?> sampler) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (sampler.running() && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(sampler.running()).as("sampler still running").isFalse();
    }
}
