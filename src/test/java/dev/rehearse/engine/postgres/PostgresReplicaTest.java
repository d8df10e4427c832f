package dev.rehearse.engine.postgres;

import dev.rehearse.TestMatrix;

import dev.rehearse.engine.ReplicaSupport;
import dev.rehearse.observe.ReplicationSample;
import dev.rehearse.observe.Sampler;
import dev.rehearse.observe.Series;
import dev.rehearse.observe.Timeline;
import dev.rehearse.provision.Database;
import dev.rehearse.provision.RunDirectories;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A real primary and a real hot standby of it (PostgreSQL 12, which has standby.signal, and 16), started here from
 * the embedded binaries: what a backfill, a catalog-only change and an ACCESS EXCLUSIVE lock do to the replica.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresReplicaTest {

    /** Streaming replication on 12 (recovery.conf gone, standby.signal) and 16; verify samples one of them. */
    static List<Integer> majors() {
        return TestMatrix.versions(List.of(12, 16), List.of(16));
    }

    /** Rows of the default run's backfill (the 1M-row figures are the benchmark's, {@code -Pbench}). */
    static final int ROWS = 100_000;

    /** The replica's link: slow enough that the backfill's WAL takes seconds to arrive even on a loaded machine. */
    static final long RATE = 8_000_000L;

    private final Map<Integer, Database> primaries = new ConcurrentHashMap<>();

    private Database primary(int major) throws SQLException {
        Database db = primaries.get(major);
        if (db != null) return db;
        db = new EmbeddedPostgresProvisioner().start(EngineSpec.parse("postgres:" + major));
        primaries.put(major, db);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id bigint PRIMARY KEY, v int NOT NULL, pad text NOT NULL)");
            s.execute("INSERT INTO t SELECT g, 0, repeat('x', 60) FROM generate_series(1, " + ROWS + ") g");
            s.execute("VACUUM ANALYZE t");
        }
        return db;
    }

    private final Map<Integer, ReplicaSupport.Running> replicas = new ConcurrentHashMap<>();

    /**
     * One standby per version for the measurements, started once (a standby start copies the primary): its WAL
     * stream throttled to {@link #RATE}, replay waiting at most 1 s for a conflicting query.
     */
    private ReplicaSupport.Running replica(int major) throws SQLException {
        Database db = primary(major);
        return replicas.computeIfAbsent(major, m -> replicaOf(db, model(RATE, 1_000)));
    }

    @AfterAll
    void stop() {
        replicas.values().forEach(ReplicaSupport.Running::close);
        primaries.values().forEach(Database::close);
    }

    private static ReplicaSupport.Running replicaOf(Database primary, Scenario.Replica settings) {
        return new EmbeddedPostgresReplicas(new EmbeddedPostgresProvisioner()).start(primary, settings, line -> {});
    }

    private static Scenario.Replica model(Long rate, Integer maxStandbyDelayMs) {
        return new Scenario.Replica(rate, null, maxStandbyDelayMs, null, Scenario.External.NONE, false);
    }

    private static long walLsn(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** What the sampler saw while {@code work} ran, until the replica caught up again. */
    private static List<Series.Point<ReplicationSample>> sampled(ReplicaSupport.Running replica, SqlWork work) throws Exception {
        Timeline timeline = new Timeline();
        try (var probe = replica.probe();
             Sampler<ReplicationSample> sampler = new Sampler<>(replica.sampledOn(), "rehearse-replication", probe,
                     timeline, Timeline.REPLICATION, Timeline.REPLICATION_INTERVAL_MS).start()) {
            Thread.sleep(300);
            work.run();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long after = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500); // past the WAL writer's 200 ms
            while (System.nanoTime() < deadline) {
                var points = timeline.series(Timeline.REPLICATION).between(after, Long.MAX_VALUE);
                if (!points.isEmpty() && points.get(points.size() - 1).value().lagMs() == 0) break;
                Thread.sleep(100);
            }
            assertThat(sampler.failure()).isNull();
        }
        return timeline.series(Timeline.REPLICATION).points();
    }

    interface SqlWork {
        void run() throws Exception;
    }

    private static long max(List<Series.Point<ReplicationSample>> points, java.util.function.Function<ReplicationSample, Long> f) {
        return points.stream().map(p -> f.apply(p.value())).filter(v -> v != null).mapToLong(Long::longValue).max().orElse(-1);
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("majors")
    void aOneStatementBackfillPutsAThrottledReplicaBehindByItsWal(int major) throws Exception {
        Database db = primary(major);
        ReplicaSupport.Running replica = replica(major);
        try (Connection c = db.connect()) {
            long[] wal = new long[1];
            var points = sampled(replica, () -> {
                long before = walLsn(c);
                try (Statement s = c.createStatement()) {
                    assertThat(s.executeUpdate("UPDATE t SET v = v + 1")).isEqualTo(ROWS);
                }
                wal[0] = walLsn(c) - before;
            });
            long lag = max(points, ReplicationSample::lagMs);
            long bytes = max(points, ReplicationSample::lagBytes);
            System.out.printf("PostgreSQL %d: %,d-row UPDATE wrote %,d bytes of WAL; replica at %,d B/s peaked %,d ms"
                    + " / %,d bytes behind%n", major, ROWS, wal[0], RATE, lag, bytes);
            // tens of MB of WAL at 8 MB/s take seconds to arrive, much of it after the primary is done
            assertThat(wal[0]).isGreaterThan(10_000_000L);
            assertThat(bytes).isGreaterThan(wal[0] / 10);
            assertThat(lag).isGreaterThan(500);
            assertThat(points.get(points.size() - 1).value().lagMs()).isZero();
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("majors")
    void aCatalogOnlyChangeLeavesNextToNoLag(int major) throws Exception {
        Database db = primary(major);
        ReplicaSupport.Running replica = replica(major);
        try (Connection c = db.connect()) {
            long[] wal = new long[1];
            var points = sampled(replica, () -> {
                long before = walLsn(c);
                try (Statement s = c.createStatement()) {
                    s.execute("ALTER TABLE t ADD COLUMN note_" + major + " text");
                }
                wal[0] = walLsn(c) - before;
            });
            assertThat(wal[0]).isLessThan(200_000);
            // the replica had it as soon as it was sent: within the WAL writer's 200 ms (synchronous_commit is off,
            // so a commit's WAL waits for it) and a sampling interval or two
            assertThat(max(points, ReplicationSample::lagMs)).isLessThan(500);
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("majors")
    void anAccessExclusiveLockReplayedCancelsAConflictingReplicaQueryAfterMaxStandbyStreamingDelay(int major) throws Exception {
        Database db = primary(major);
        ReplicaSupport.Running replica = replica(major);
        try (Connection reader = replica.db().connect(); Connection c = db.connect()) {
            CompletableFuture<Long> read = CompletableFuture.supplyAsync(() -> {
                long started = System.nanoTime();
                try (Statement s = reader.createStatement()) {
                    // holds t's ACCESS SHARE lock on the replica for 10 s
                    s.executeQuery("SELECT count(*), pg_sleep(10) FROM t").close();
                    return -1L;
                } catch (SQLException e) {
                    if (!replica.conflictCancelled(e)) throw new AssertionError("not a recovery conflict", e);
                    return (System.nanoTime() - started) / 1_000_000;
                }
            });
            Thread.sleep(500); // the replica query holds its lock
            try (Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
                c.commit();
                c.setAutoCommit(true);
            }
            long cancelledAfterMs = read.get(30, TimeUnit.SECONDS);
            // replay waited max_standby_streaming_delay (1 s) for the query, then cancelled it; not the full 10 s
            assertThat(cancelledAfterMs).isBetween(1_000L, 9_000L);
            try (Connection r = replica.db().connect(); Statement s = r.createStatement();
                 ResultSet rs = s.executeQuery("SELECT sum(confl_lock) FROM pg_stat_database_conflicts")) {
                rs.next();
                assertThat(rs.getLong(1)).isGreaterThanOrEqualTo(1);
            }
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("majors")
    void anAccessExclusiveLockHeldOnThePrimaryDelaysAReplicaReadUntilItsCommitReplays(int major) throws Exception {
        Database db = primary(major);
        ReplicaSupport.Running replica = replica(major);
        try (Connection reader = replica.db().connect(); Connection c = db.connect()) {
            c.setAutoCommit(false);
            long replayed;
            try (Statement s = c.createStatement()) {
                s.execute("LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
                s.execute("SELECT pg_switch_wal()"); // the lock's record flushed, so it streams now
                long target = walLsn(c);
                replayed = awaitReplay(reader, target);
            }
            long started = System.nanoTime();
            CompletableFuture<Long> read = CompletableFuture.supplyAsync(() -> {
                try (Statement s = reader.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
                    rs.next();
                    return (System.nanoTime() - started) / 1_000_000;
                } catch (SQLException e) {
                    throw new AssertionError(e);
                }
            });
            Thread.sleep(1_500);
            assertThat(read).as("the replica read waits behind the replayed lock").isNotDone();
            c.commit();
            assertThat(read.get(30, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(1_500L);
            assertThat(replayed).isPositive();
        }
    }

    /** Waits until the standby has replayed {@code target}; its replay position then. */
    private static long awaitReplay(Connection standby, long target) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Statement s = standby.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery("SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '0/0')::bigint")) {
                    rs.next();
                    if (rs.getLong(1) >= target) return rs.getLong(1);
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the standby did not replay the lock within 30 s");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {16})
    void closingStopsTheReplicaAndRemovesItsDirectoryAndSlot(int major) throws Exception {
        Database db = primary(major);
        long slotsBefore = slots(db);
        ReplicaSupport.Running replica = replicaOf(db, model(5_000_000L, null));
        assertThat(slots(db)).isEqualTo(slotsBefore + 1);
        List<Path> dirs;
        try (var s = Files.list(RunDirectories.root())) {
            dirs = s.filter(d -> d.getFileName().toString().startsWith("pg" + major + "-replica-"))
                    .filter(d -> replica.db().jdbcUrl().contains(":" + port(d) + "/")).toList();
        }
        assertThat(dirs).hasSize(1);
        replica.close();
        assertThat(dirs.get(0)).doesNotExist();
        assertThatThrownBy(() -> replica.db().connect().close()).isInstanceOf(SQLException.class);
        assertThat(slots(db)).as("its slot dropped").isEqualTo(slotsBefore);
    }

    private static long slots(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_replication_slots")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {16})
    void anExternalPrimarysStandbyIsWatchedAsItIsAndLeftRunning(int major) throws Exception {
        Database db = primary(major);
        try (ReplicaSupport.Running standby = replicaOf(db, model(null, null))) {
            List<String> said = new java.util.ArrayList<>();
            Scenario.Replica external = new Scenario.Replica(RATE, null, null, null,
                    new Scenario.External(standby.db().jdbcUrl(), "postgres", null, false), false);
            ReplicaSupport.Running watched = new ExternalPostgresReplicas().start(db, external, said::add);
            assertThat(said).containsExactly("replica: an external replica is watched as it is; apply_rate not applied");
            try (Connection c = db.connect()) {
                var points = sampled(watched, () -> {
                    try (Statement s = c.createStatement()) {
                        s.executeUpdate("UPDATE t SET v = v + 1 WHERE id <= 1000");
                    }
                });
                assertThat(points).isNotEmpty();
                assertThat(points.get(points.size() - 1).value().appliedPosition()).isPositive();
            }
            watched.close();
            try (Connection still = standby.db().connect()) {
                assertThat(still.isValid(2)).as("an external replica is not stopped").isTrue();
            }
            Scenario.Replica notAStandby = new Scenario.Replica(null, null, null, null,
                    new Scenario.External(db.jdbcUrl(), "postgres", null, false), false);
            assertThatThrownBy(() -> new ExternalPostgresReplicas().start(db, notAStandby, line -> {}))
                    .isInstanceOf(dev.rehearse.InvalidInputException.class).hasMessageContaining("is not a standby");
        }
    }

    /** The port a run directory's server listens on, from its postmaster.pid (line 4). */
    private static String port(Path run) {
        try {
            return Files.readAllLines(run.resolve("data/postmaster.pid")).get(3).trim();
        } catch (Exception e) {
            return "?";
        }
    }
}
