package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.engine.mysql.MySqlReplicationProbe;
import dev.rehearse.observe.ReplicationSample;
import dev.rehearse.observe.Sampler;
import dev.rehearse.observe.Timeline;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MySQL's replication probe (binlog coordinates, {@code SHOW REPLICA STATUS}'s older column names, {@code SHOW MASTER
 * STATUS}) on the real binlog primary and replica this machine can run, embedded MariaDB 10.11: MySQL proper runs only
 * where Docker answers. A one-statement UPDATE puts the replica bytes and time behind; the probe sees it catch up.
 */
class MySqlReplicationProbeOnMariaDbTest {

    static final int ROWS = 50_000;

    @Test
    void theProbeReadsTheReplicaFallingBehindAndCatchingUp() throws Exception {
        EngineSpec spec = EngineSpec.parse("mariadb:10.11");
        try (Database primary = new EmbeddedMariaDbProvisioner().start(spec);
             MariaDbReplica replica = MariaDbReplica.start(primary, spec);
             Connection p = primary.connect(); Statement s = p.createStatement()) {
            s.execute("CREATE TABLE t (id bigint PRIMARY KEY, qty int, name varchar(40))");
            s.execute("INSERT INTO t SELECT seq, seq % 1000, CONCAT('name-', seq) FROM seq_1_to_" + ROWS);
            replica.awaitCaughtUp(120_000);
            try (Connection r = replica.database().connect()) {
                MySqlReplicationProbe.Status status = MySqlReplicationProbe.status(r, replica.database().version());
                assertThat(status.error()).isNull();
                assertThat(status.relaySourceLogFile()).startsWith("binlog.");
                assertThat(status.execSourceLogPos()).isPositive();
            }
            Timeline timeline = new Timeline();
            try (var probe = new MySqlReplicationProbe(primary, replica.database());
                 Sampler<ReplicationSample> sampler = new Sampler<>(primary, "rehearse-replication", probe, timeline,
                         Timeline.REPLICATION, Timeline.REPLICATION_INTERVAL_MS).start()) {
                Thread.sleep(300);
                s.execute("UPDATE t SET qty = qty + 1");
                long ended = System.nanoTime();
                long deadline = ended + 120_000_000_000L;
                boolean caughtUp = false;
                while (!caughtUp && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                    var after = timeline.series(Timeline.REPLICATION).between(ended + 200_000_000L, Long.MAX_VALUE);
                    caughtUp = !after.isEmpty() && after.get(after.size() - 1).value().lagBytes() == 0L
                            && after.get(after.size() - 1).value().lagMs() == 0L;
                }
                var points = timeline.series(Timeline.REPLICATION).points();
                assertThat(caughtUp).as("caught up: %s", points.get(points.size() - 1).value()).isTrue();
                long maxBytes = points.stream().mapToLong(x -> x.value().lagBytes() == null ? 0 : x.value().lagBytes()).max().orElse(0);
                long maxLag = points.stream().mapToLong(x -> x.value().lagMs() == null ? 0 : x.value().lagMs()).max().orElse(0);
                System.err.printf("MySQL probe on MariaDB 10.11: UPDATE of %d rows, replica at most %d bytes and %d ms behind%n",
                        ROWS, maxBytes, maxLag);
                // row events for every row changed, tens of bytes each, reached the replica before it applied them
                assertThat(maxBytes).isGreaterThan(ROWS * 10L);
                assertThat(maxLag).isPositive();
                assertThat(sampler.failure()).isNull();
            }
        }
    }
}
