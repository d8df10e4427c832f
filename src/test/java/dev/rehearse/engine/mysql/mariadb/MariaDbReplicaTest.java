package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.observe.Sampler;
import dev.rehearse.observe.Series;
import dev.rehearse.observe.SeriesKey;
import dev.rehearse.observe.Timeline;
import dev.rehearse.provision.Database;
import dev.rehearse.provision.RunDirectories;
import dev.rehearse.scenario.EngineSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real primary and binlog replica on embedded MariaDB: the replica is seeded by replication, a one-statement UPDATE
 * of many rows puts it behind (lag and binlog bytes), an INSTANT ADD COLUMN next to not at all, and both servers are
 * gone afterwards.
 */
class MariaDbReplicaTest {

    static final int ROWS = 100_000;

    @ParameterizedTest
    @ValueSource(strings = {"mariadb:10.11", "mariadb:11.4"})
    void aBigUpdateLagsTheReplicaAndAnInstantAddColumnDoesNot(String engine) throws Exception {
        EngineSpec spec = EngineSpec.parse(engine);
        List<Path> before = runDirs();
        List<Long> pids = new ArrayList<>();
        Measured update;
        Measured instant;
        try (Database primary = new EmbeddedMariaDbProvisioner().start(spec);
             MariaDbReplica replica = MariaDbReplica.start(primary, spec);
             Connection p = primary.connect(); Statement s = p.createStatement();
             Connection r = replica.database().connect()) {
            pids.add(pid(p));
            pids.add(pid(r));
            s.execute("CREATE TABLE t (id bigint PRIMARY KEY, qty int, name varchar(40))");
            s.execute("INSERT INTO t SELECT seq, seq % 1000, CONCAT('name-', seq) FROM seq_1_to_" + ROWS);
            long caughtUp = replica.awaitCaughtUp(120_000);
            System.err.printf("%s: replica caught up with %d seeded rows %d ms after the insert%n", engine, ROWS, caughtUp);
            assertThat(count(r, "SELECT COUNT(*) FROM t")).isEqualTo(ROWS);
            assertThat(r.createStatement().executeQuery("SELECT @@read_only, @@server_id").next()).isTrue();

            update = measure(primary, replica, s, "UPDATE t SET qty = qty + 1");
            instant = measure(primary, replica, s, "ALTER TABLE t ADD COLUMN note varchar(20), ALGORITHM=INSTANT");
            System.err.printf("%s: UPDATE of %d rows: %s%n%s: INSTANT ADD COLUMN: %s%n", engine, ROWS, update, engine, instant);

            assertThat(checksum(r)).isEqualTo(checksum(p));
            assertThat(count(r, "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                    + " AND TABLE_NAME = 't' AND COLUMN_NAME = 'note'")).isEqualTo(1);
        }
        // Row events for every row changed: tens of bytes each, and the replica had them to apply.
        assertThat(update.binlogBytes()).isGreaterThan(ROWS * 20L);
        assertThat(update.maxBytesBehind()).isGreaterThan(ROWS * 10L);
        assertThat(update.maxLagMs()).isPositive();
        // One query event.
        assertThat(instant.binlogBytes()).isLessThan(1_000);
        assertThat(instant.maxBytesBehind()).isLessThan(1_000);
        assertThat(instant.maxLagMs()).isLessThan(update.maxLagMs());
        for (long pid : pids) assertThat(ProcessHandle.of(pid)).as("server pid %d", pid).isEmpty();
        assertThat(runDirs()).isSubsetOf(before);
    }

    /**
     * @param binlogBytes    what the statement wrote to the primary's binlog
     * @param maxLagMs       the highest lag sampled from the statement's start until the replica had applied it
     * @param maxBytesBehind the highest binlog distance sampled over the same span
     * @param samples        how many polls that span held
     */
    record Measured(long binlogBytes, double maxLagMs, long maxBytesBehind, int samples, long tookMs, long appliedMs) {}

    private static final SeriesKey<MariaDbReplicationProbe.Sample> REPLICATION = SeriesKey.of("replication-test");

    static Measured measure(Database primary, MariaDbReplica replica, Statement s, String sql) throws Exception {
        Timeline timeline = new Timeline();
        MariaDbReplicationProbe probe = new MariaDbReplicationProbe();
        long from;
        long took;
        long applied;
        long bytes;
        try (Connection r = replica.database().connect("rehearse-sampler");
             Sampler<MariaDbReplicationProbe.Sample> sampler = new Sampler<>(primary, "rehearse-sampler",
                     c -> probe.sample(c, r), timeline, REPLICATION, 100).start()) {
            Thread.sleep(300);
            long binlogBefore = binlogPosition(s);
            from = System.nanoTime();
            s.execute(sql);
            took = (System.nanoTime() - from) / 1_000_000;
            bytes = binlogPosition(s) - binlogBefore;
            applied = replica.awaitCaughtUp(120_000);
            Thread.sleep(300); // a sample after the apply: the lag reads 0 again
            assertThat(sampler.failure()).isNull();
        }
        Series<MariaDbReplicationProbe.Sample> series = timeline.series(REPLICATION);
        var during = series.between(from, Long.MAX_VALUE - 1);
        double maxLag = during.stream().mapToDouble(x -> x.value().lagMs()).max().orElseThrow();
        long maxBehind = during.stream().map(x -> x.value().bytesBehind()).mapToLong(b -> b == null ? 0 : b).max().orElseThrow();
        assertThat(during.get(during.size() - 1).value().lagMs()).isZero();
        assertThat(during.get(during.size() - 1).value().bytesBehind()).isZero();
        return new Measured(bytes, maxLag, maxBehind, during.size(), took, applied);
    }

    private static long binlogPosition(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
            rs.next();
            return rs.getLong("Position");
        }
    }

    private static long checksum(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("CHECKSUM TABLE t")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long pid(Connection c) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT @@pid_file")) {
            rs.next();
            return Long.parseLong(Files.readString(Path.of(rs.getString(1))).trim());
        }
    }

    private static List<Path> runDirs() throws Exception {
        try (var s = Files.list(RunDirectories.root())) {
            return s.toList();
        }
    }
}
