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
 */
@Tag("bench")
class ReplicaLagBenchmarkTest {

    static final int ROWS = 1_000_000;
    static final int BATCH = 10_000;
    static final long RATE = 20_000_000L;

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
        Database db = Engines.runtime(EngineSpec.Kind.POSTGRES).provisioner(Provider.EMBEDDED, Scenario.External.NONE)
                .start(EngineSpec.parse("postgres:" + major));
        try (db; Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id bigint PRIMARY KEY, v int NOT NULL, pad text NOT NULL)");
            s.execute("INSERT INTO t SELECT g, 0, repeat('x', 60) FROM generate_series(1, " + ROWS + ") g");
            s.execute("VACUUM ANALYZE t");
            ReplicaSupport replicas = Engines.runtime(EngineSpec.Kind.POSTGRES).replicas(Provider.EMBEDDED).orElseThrow();
            measure(major, "one statement", replicas, db, c, st -> st.executeUpdate("UPDATE t SET v = v + 1"));
            for (long pauseMs : new long[]{0, 250}) {
                measure(major, "batches of " + BATCH + (pauseMs == 0 ? ", no pause" : ", " + pauseMs + " ms pause"),
                        replicas, db, c, st -> {
                            for (int from = 1; from <= ROWS; from += BATCH) {
                                st.executeUpdate("UPDATE t SET v = v + 1 WHERE id >= " + from + " AND id < " + (from + BATCH));
                                if (pauseMs > 0) Thread.sleep(pauseMs);
                            }
                        });
            }
        }
    }

    private static void measure(int major, String what, ReplicaSupport replicas, Database db, Connection c,
                                Backfill backfill) throws Exception {
        Scenario.Replica model = new Scenario.Replica(RATE, null, null, null, Scenario.External.NONE, false);
        try (ReplicaSupport.Running replica = replicas.start(db, model, line -> {}); Statement st = c.createStatement()) {
            Timeline timeline = new Timeline();
            long wal, ms;
            try (var probe = replica.probe();
                 Sampler<ReplicationSample> sampler = new Sampler<>(replica.sampledOn(), "rehearse-replication", probe,
                         timeline, Timeline.REPLICATION, Timeline.REPLICATION_INTERVAL_MS).start()) {
                long before = lsn(c), started = System.nanoTime();
                backfill.run(st);
                ms = (System.nanoTime() - started) / 1_000_000;
                wal = lsn(c) - before;
                long deadline = System.nanoTime() + 600_000_000_000L;
                long after = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500); // past the WAL writer's 200 ms
                while (System.nanoTime() < deadline) {
                    var pts = timeline.series(Timeline.REPLICATION).between(after, Long.MAX_VALUE);
                    if (!pts.isEmpty() && pts.get(pts.size() - 1).value().lagMs() == 0) break;
                    Thread.sleep(100);
                }
            }
            var points = timeline.series(Timeline.REPLICATION).points();
            long maxLag = points.stream().mapToLong(p -> p.value().lagMs() == null ? 0 : p.value().lagMs()).max().orElse(0);
            long maxBytes = points.stream().mapToLong(p -> p.value().lagBytes() == null ? 0 : p.value().lagBytes()).max().orElse(0);
            long over1s = points.stream().filter(p -> p.value().lagMs() != null && p.value().lagMs() >= 1_000).count()
                    * Timeline.REPLICATION_INTERVAL_MS;
            System.out.printf(Locale.ROOT, "replica-lag PostgreSQL %d, %,d rows, %s: primary %,d ms, WAL %,d bytes;"
                            + " replica at %d MB/s: peak lag %,d ms, peak %,d bytes behind, %,d ms at or over 1 s%n",
                    major, ROWS, what, ms, wal, RATE / 1_000_000, maxLag, maxBytes, over1s);
        }
    }
}
