package dev.rehearse.bench;

import dev.rehearse.engine.mysql.mariadb.EmbeddedMariaDbProvisioner;
import dev.rehearse.engine.mysql.mariadb.MariaDbReplica;
import dev.rehearse.engine.mysql.mariadb.ReplicaLag;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.Statement;

/**
 * Figures, not a test ({@code mvn -B -Pbench test -Dtest=MariaDbReplicaBenchmarkTest}): on an embedded primary and
 * binlog replica, a 1M-row table's seed reaching the replica, a one-statement UPDATE of every row against the same
 * change in batches of 10 K (without and with a 100 ms pause between batches), and an INSTANT ADD COLUMN: the
 * primary's time, the binlog bytes, and the replica's lag as the GTID probe and as {@code Seconds_Behind_Master} see it.
 */
@Tag("bench")
class MariaDbReplicaBenchmarkTest {

    private static final int ROWS = 1_000_000, BATCH = 10_000;

    @ParameterizedTest
    @ValueSource(strings = {"mariadb:10.11", "mariadb:11.4"})
    void lagOfABackfillInOneStatementAndInBatches(String engine) throws Exception {
        EngineSpec spec = EngineSpec.parse(engine);
        try (Database primary = new EmbeddedMariaDbProvisioner().start(spec);
             MariaDbReplica replica = MariaDbReplica.start(primary, spec);
             Connection p = primary.connect(); Statement s = p.createStatement()) {
            s.execute("CREATE TABLE t (id bigint PRIMARY KEY, qty int, name varchar(40))");
            ReplicaLag.Measured seed = ReplicaLag.measure(primary, replica, s, x -> x.execute(
                    "INSERT INTO t SELECT seq, seq % 1000, CONCAT('name-', seq) FROM seq_1_to_" + ROWS));
            print(engine, "seed, INSERT ... SELECT of " + ROWS + " rows", seed);
            print(engine, "UPDATE of every row in one statement",
                    ReplicaLag.measure(primary, replica, s, x -> x.execute("UPDATE t SET qty = qty + 1")));
            print(engine, "the same UPDATE in batches of " + BATCH,
                    ReplicaLag.measure(primary, replica, s, x -> batches(x, 0)));
            print(engine, "the same UPDATE in batches of " + BATCH + ", 100 ms pause",
                    ReplicaLag.measure(primary, replica, s, x -> batches(x, 100)));
            print(engine, "ALTER TABLE ADD COLUMN, ALGORITHM=INSTANT", ReplicaLag.measure(primary, replica, s,
                    x -> x.execute("ALTER TABLE t ADD COLUMN note varchar(20), ALGORITHM=INSTANT")));
        }
    }

    private static void batches(Statement s, long pauseMs) throws Exception {
        for (int from = 1; from <= ROWS; from += BATCH) {
            s.execute("UPDATE t SET qty = qty + 1 WHERE id BETWEEN " + from + " AND " + (from + BATCH - 1));
            if (pauseMs > 0) Thread.sleep(pauseMs);
        }
    }

    private static void print(String engine, String what, ReplicaLag.Measured m) {
        System.out.printf("%s  %-50s %s%n", engine, what, m);
    }
}
