package dev.rehearse.engine.mysql;

import dev.rehearse.scenario.ServerVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** MySQL's replication statements per version, and the probe's coordinate clock: pure logic. */
class MySqlReplicationTest {

    private static ServerVersion v(String s) {
        return ServerVersion.parse(s);
    }

    @Test
    void theStatementsFollowTheVersionThatRenamedThem() {
        assertThat(MySqlReplication.showStatus(v("5.7.44"))).isEqualTo("SHOW SLAVE STATUS");
        assertThat(MySqlReplication.showStatus(v("8.0.21"))).isEqualTo("SHOW SLAVE STATUS");
        assertThat(MySqlReplication.showStatus(v("8.0.22"))).isEqualTo("SHOW REPLICA STATUS");
        assertThat(MySqlReplication.start(v("8.4.5"))).isEqualTo("START REPLICA");
        assertThat(MySqlReplication.start(v("5.7.44"))).isEqualTo("START SLAVE");
        assertThat(MySqlReplication.changeSource(v("8.0.22"), "primary", 3306, "root", "pw"))
                .startsWith("CHANGE MASTER TO MASTER_HOST = 'primary'").contains("GET_MASTER_PUBLIC_KEY = 1");
        assertThat(MySqlReplication.changeSource(v("5.7.44"), "primary", 3306, "root", "pw"))
                .startsWith("CHANGE MASTER TO").doesNotContain("PUBLIC_KEY");
        assertThat(MySqlReplication.changeSource(v("9.3.0"), "primary", 3306, "root", "p'w"))
                .startsWith("CHANGE REPLICATION SOURCE TO SOURCE_HOST = 'primary'")
                .contains("SOURCE_PASSWORD = 'p''w'", "GET_SOURCE_PUBLIC_KEY = 1");
        assertThat(MySqlReplication.delay(v("8.4.5"), 2)).isEqualTo("CHANGE REPLICATION SOURCE TO SOURCE_DELAY = 2");
        assertThat(MySqlReplication.dumpCoordinatesOption(v("8.0.25"))).isEqualTo("--master-data=1");
        assertThat(MySqlReplication.dumpCoordinatesOption(v("8.0.26"))).isEqualTo("--source-data=1");
        assertThat(MySqlReplication.replicaFlags()).contains("--server-id=2", "--relay-log=relay-bin");
        // a later flag wins in mysqld: the replica's id after the family's --server-id=1
        assertThat(MySqlReplication.replicaFlags().lastIndexOf("--server-id=2"))
                .isGreaterThan(MySqlReplication.replicaFlags().indexOf("--server-id=1"));
    }

    @Test
    void coordinatesOrderAcrossBinlogFiles() {
        assertThat(MySqlReplicationProbe.coordinate("binlog.000002", 4))
                .isGreaterThan(MySqlReplicationProbe.coordinate("binlog.000001", 900_000_000L));
        assertThat(MySqlReplicationProbe.coordinate("binlog.000001", 200))
                .isGreaterThan(MySqlReplicationProbe.coordinate("binlog.000001", 100));
    }

    @Test
    void lagIsTheTimeSinceThePrimaryWasWhereTheReplicaIs() {
        MySqlReplicationProbe probe = new MySqlReplicationProbe(null, null);
        long ms = 1_000_000L;
        probe.seenAt(0, 100);
        probe.seenAt(10 * ms, 100);   // idle at 100 until 10 ms
        probe.seenAt(20 * ms, 500);   // a commit: 500 from 20 ms on
        assertThat(probe.lagNanos(30 * ms, 500)).isZero();                 // applied everything
        probe.seenAt(40 * ms, 900);
        assertThat(probe.lagNanos(1_040 * ms, 500)).isEqualTo(1_020 * ms); // last at 500 at 20 ms
    }
}
