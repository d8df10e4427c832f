package dev.rehearse.engine.mysql.mariadb;

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

    /** Both lines under {@code -Pslow}; verify replicates the newer. */
    static java.util.List<String> engines() {
        return dev.rehearse.TestMatrix.versions(java.util.List.of("mariadb:10.11", "mariadb:11.4"), java.util.List.of("mariadb:11.4"));
    }


    static final int ROWS = 100_000;

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("engines")
    void aBigUpdateLagsTheReplicaAndAnInstantAddColumnDoesNot(String engine) throws Exception {
        EngineSpec spec = EngineSpec.parse(engine);
        List<Path> before = runDirs();
        List<Long> pids = new ArrayList<>();
        ReplicaLag.Measured update;
        ReplicaLag.Measured instant;
        try (Database primary = new EmbeddedMariaDbProvisioner().start(spec);
             MariaDbReplica replica = MariaDbReplica.start(primary, spec);
             Connection p = primary.connect(); Statement s = p.createStatement();
             Connection r = replica.database().connect()) {
            pids.add(pid(p));
            pids.add(pid(r));
            assertThat(runDirs()).as("the primary's and the replica's").hasSize(before.size() + 2);
            s.execute("CREATE TABLE t (id bigint PRIMARY KEY, qty int, name varchar(40))");
            s.execute("INSERT INTO t SELECT seq, seq % 1000, CONCAT('name-', seq) FROM seq_1_to_" + ROWS);
            long caughtUp = replica.awaitCaughtUp(120_000);
            System.err.printf("%s: replica caught up with %d seeded rows %d ms after the insert%n", engine, ROWS, caughtUp);
            assertThat(count(r, "SELECT COUNT(*) FROM t")).isEqualTo(ROWS);
            assertThat(r.createStatement().executeQuery("SELECT @@read_only, @@server_id").next()).isTrue();

            update = ReplicaLag.measure(primary, replica, s, x -> x.execute("UPDATE t SET qty = qty + 1"));
            instant = ReplicaLag.measure(primary, replica, s,
                    x -> x.execute("ALTER TABLE t ADD COLUMN note varchar(20), ALGORITHM=INSTANT"));
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

    /** {@code apply_rate}: the replica receives the binlog no faster, less the throttle's burst of about 3 s of it. */
    @org.junit.jupiter.api.Test
    void anApplyRateThrottlesTheStream() throws Exception {
        EngineSpec spec = EngineSpec.parse("mariadb:10.11");
        long rate = 128 * 1024;
        try (Database primary = new EmbeddedMariaDbProvisioner().start(spec);
             MariaDbReplica replica = MariaDbReplica.start(primary, spec);
             Connection p = primary.connect(); Statement s = p.createStatement()) {
            s.execute("CREATE TABLE t (id bigint PRIMARY KEY, qty int, name varchar(40))");
            s.execute("INSERT INTO t SELECT seq, seq % 1000, CONCAT('name-', seq) FROM seq_1_to_20000");
            replica.awaitCaughtUp(120_000);
            String model = replica.applyModel(new dev.rehearse.scenario.Scenario.Replica(rate, null, null, null, null, false));
            assertThat(model).contains("read_binlog_speed_limit 128 KiB/s");
            try (Connection r = replica.database().connect(); ResultSet rs = r.createStatement()
                    .executeQuery("SELECT @@read_binlog_speed_limit")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(128);
            }
            ReplicaLag.Measured update = ReplicaLag.measure(primary, replica, s, x -> x.execute("UPDATE t SET qty = qty + 1"));
            System.err.printf("UPDATE of 20000 rows at 128 KiB/s: %s%n", update);
            assertThat(update.binlogBytes()).isGreaterThan(4 * rate);
            assertThat(update.maxLagMs()).isGreaterThanOrEqualTo((update.binlogBytes() - 3 * rate) * 1000 / rate);
        }
    }

    /**
     * {@code apply_delay} as {@code MASTER_DELAY}: even an INSTANT change waits. The server counts whole seconds from
     * the event's timestamp (its second), so 2 s delays it by more than 1 s, of which the last sample before the apply
     * sees all but at most one sampler interval.
     */
    @org.junit.jupiter.api.Test
    void anApplyDelayHoldsBackEvenAnInstantChange() throws Exception {
        EngineSpec spec = EngineSpec.parse("mariadb:10.11");
        try (Database primary = new EmbeddedMariaDbProvisioner().start(spec);
             MariaDbReplica replica = MariaDbReplica.start(primary, spec);
             Connection p = primary.connect(); Statement s = p.createStatement()) {
            s.execute("CREATE TABLE t (id bigint PRIMARY KEY, qty int)");
            replica.awaitCaughtUp(120_000);
            String model = replica.applyModel(new dev.rehearse.scenario.Scenario.Replica(null, 1_500, null, null, null, false));
            assertThat(model).contains("MASTER_DELAY 2 s (apply_delay 1500 ms in the server's whole seconds)")
                    .contains("binlog stream unthrottled");
            ReplicaLag.Measured instant = ReplicaLag.measure(primary, replica, s,
                    x -> x.execute("ALTER TABLE t ADD COLUMN note varchar(20), ALGORITHM=INSTANT"));
            System.err.printf("INSTANT ADD COLUMN with MASTER_DELAY 2: %s%n", instant);
            assertThat(instant.appliedMs()).isGreaterThan(1_000);
            assertThat(instant.maxLagMs()).isGreaterThan(1_000 - dev.rehearse.observe.Timeline.REPLICATION_INTERVAL_MS);
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

    /** This JVM's run directories: other runs on the machine may come and go meanwhile. */
    static List<Path> runDirs() throws Exception {
        String owner = ProcessHandle.current().pid() + " ";
        try (var s = Files.list(RunDirectories.root())) {
            return s.filter(d -> {
                try {
                    return Files.readString(d.resolve("owner")).startsWith(owner);
                } catch (java.io.IOException e) {
                    return false;
                }
            }).toList();
        }
    }
}
