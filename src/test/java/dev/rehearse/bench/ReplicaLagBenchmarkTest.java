package dev.rehearse.bench;

import dev.rehearse.engine.Engines;
import dev.rehearse.engine.ReplicaSupport;
import dev.rehearse.observe.ReplicationSample;
import dev.rehearse.observe.Sampler;
import dev.rehearse.observe.Timeline;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Provider;
import dev.rehearse.scenario.Scenario;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Figures, not a test ({@code mvn -Pbench test}): the replica lag of a 1M-row backfill in one statement against the
 * same backfill in batches of 10K rows, without a pause and with one, on PostgreSQL 12 and 16, each on a fresh hot
 * standby whose WAL stream is throttled to 20 MB/s (the replica model's assumed apply rate).
 *
 * <p>Bounded, since a shared, loaded machine made an earlier run go on past an hour: one standby per version serves
 * all three backfills (each starts once it has caught up with the one before), the wait for it to catch up after a
 * backfill is at most {@link #CATCH_UP_LIMIT_MS} (a figure taken then says so), and a version's backfills stop once
 * {@link #VERSION_BUDGET_MS} has gone (the ones skipped are printed as such). {@code @Timeout} is the last resort.
 */
@Tag("bench")
@Timeout(value = 40, unit = TimeUnit.MINUTES)
class ReplicaLagBenchmarkTest {

    static final long CATCH_UP_LIMIT_MS = 180_000;
    static final long VERSION_BUDGET_MS = 15 * 60_000;

    static final int ROWS = 1_000_000;
    static final int BATCH = 10_000;
    /** The link's rate, bytes/s: {@code -Drehearse.bench.rate=5000000} for a replica slower than this machine's primary. */
    static final long RATE = Long.getLong("rehearse.bench.rate", 20_000_000L);

    private static long lsn(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    interface Backfill {
        void run(Statement s) throws Exception;
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {12, 16})
    void oneStatementAgainstBatches(int major) throws Exception {
        long t0 = System.nanoTime();
        Database db = Engines.runtime(EngineSpec.Kind.POSTGRES).provisioner(Provider.EMBEDDED, Scenario.External.NONE)
                .start(EngineSpec.parse("postgres:" + major));
        try (db; Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id bigint PRIMARY KEY, v int NOT NULL, pad text NOT NULL)");
            s.execute("INSERT INTO t SELECT g, 0, repeat('x', 60) FROM generate_series(1, " + ROWS + ") g");
            s.execute("VACUUM ANALYZE t");
            System.out.printf(Locale.ROOT, "replica-lag PostgreSQL %d: %,d rows seeded in %,d ms%n", major, ROWS,
                    (System.nanoTime() - t0) / 1_000_000);
            ReplicaSupport replicas = Engines.runtime(EngineSpec.Kind.POSTGRES).replicas(Provider.EMBEDDED).orElseThrow();
            Scenario.Replica model = new Scenario.Replica(RATE, null, null, null, Scenario.External.NONE, false);
            long started = System.nanoTime();
            try (ReplicaSupport.Running replica = replicas.start(db, model, line -> {})) {
                System.out.printf(Locale.ROOT, "replica-lag PostgreSQL %d: standby started in %,d ms%n", major,
                        (System.nanoTime() - started) / 1_000_000);
                long budgetEnds = t0 + VERSION_BUDGET_MS * 1_000_000L;
                measure(major, "one statement", replica, c, budgetEnds, st -> st.executeUpdate("UPDATE t SET v = v + 1"));
                for (long pauseMs : new long[]{0, 250}) {
                    measure(major, "batches of " + BATCH + (pauseMs == 0 ? ", no pause" : ", " + pauseMs + " ms pause"),
                            replica, c, budgetEnds, st -> {
                                for (int from = 1; from <= ROWS; from += BATCH) {
                                    st.executeUpdate("UPDATE t SET v = v + 1 WHERE id >= " + from + " AND id < " + (from + BATCH));
                                    if (pauseMs > 0) Thread.sleep(pauseMs);
                                }
                            });
                }
            }
        }
    }

    private static void measure(int major, String what, ReplicaSupport.Running replica, Connection c, long budgetEnds,
                                Backfill backfill) throws Exception {
        if (System.nanoTime() > budgetEnds) {
            System.out.printf(Locale.ROOT, "replica-lag PostgreSQL %d, %s: skipped, the version's %d min budget is spent%n",
                    major, what, VERSION_BUDGET_MS / 60_000);
            return;
        }
        try (Statement st = c.createStatement()) {
            Timeline timeline = new Timeline();
            long wal, ms;
            boolean caughtUp = false;
            long waitedMs;
            try (var probe = replica.probe();
                 Sampler<ReplicationSample> sampler = new Sampler<>(replica.sampledOn(), "rehearse-replication", probe,
                         timeline, Timeline.REPLICATION, Timeline.REPLICATION_INTERVAL_MS).start()) {
                // the previous backfill's catch-up (or the standby's start) is not this one's lag
                awaitZero(timeline, System.nanoTime(), CATCH_UP_LIMIT_MS);
                long before = lsn(c), started = System.nanoTime();
                backfill.run(st);
                ms = (System.nanoTime() - started) / 1_000_000;
                wal = lsn(c) - before;
                long waitFrom = System.nanoTime();
                caughtUp = awaitZero(timeline, waitFrom + TimeUnit.MILLISECONDS.toNanos(500), CATCH_UP_LIMIT_MS);
                waitedMs = (System.nanoTime() - waitFrom) / 1_000_000;
                var points = timeline.series(Timeline.REPLICATION).between(started, Long.MAX_VALUE);
                long maxLag = points.stream().mapToLong(p -> p.value().lagMs() == null ? 0 : p.value().lagMs()).max().orElse(0);
                long maxBytes = points.stream().mapToLong(p -> p.value().lagBytes() == null ? 0 : p.value().lagBytes()).max().orElse(0);
                long over1s = points.stream().filter(p -> p.value().lagMs() != null && p.value().lagMs() >= 1_000).count()
                        * Timeline.REPLICATION_INTERVAL_MS;
                System.out.printf(Locale.ROOT, "replica-lag PostgreSQL %d, %,d rows, %s: primary %,d ms, WAL %,d bytes;"
                                + " replica at %d MB/s: peak lag %,d ms, peak %,d bytes behind, %,d ms at or over 1 s;"
                                + " %s %,d ms after the backfill%n",
                        major, ROWS, what, ms, wal, RATE / 1_000_000, maxLag, maxBytes, over1s,
                        caughtUp ? "caught up" : "NOT caught up (figures are a lower bound)", waitedMs);
            }
        }
    }

    /** Waits until a sample taken after {@code fromNanos} reads lag 0; false when {@code limitMs} ran out first. */
    private static boolean awaitZero(Timeline timeline, long fromNanos, long limitMs) throws InterruptedException {
        long deadline = System.nanoTime() + limitMs * 1_000_000L;
        while (System.nanoTime() < deadline) {
            var pts = timeline.series(Timeline.REPLICATION).between(fromNanos, Long.MAX_VALUE);
            if (!pts.isEmpty() && Long.valueOf(0).equals(pts.get(pts.size() - 1).value().lagMs())) return true;
            Thread.sleep(100);
        }
        return false;
    }
}
