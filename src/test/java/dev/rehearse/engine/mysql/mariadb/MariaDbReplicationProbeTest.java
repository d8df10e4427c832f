package dev.rehearse.engine.mysql.mariadb;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The probe's arithmetic: GTID positions, the lag from first sightings, binlog distances across files. */
class MariaDbReplicationProbeTest {

    private static final long MS = 1_000_000;

    @Test
    void readsTheSequenceNumberOfEachDomain() {
        assertThat(MariaDbReplicationProbe.gtids("0-1-42,1-2-7")).containsExactly(Map.entry(0L, 42L), Map.entry(1L, 7L));
        assertThat(MariaDbReplicationProbe.gtids("")).isEmpty();
        assertThat(MariaDbReplicationProbe.gtids(null)).isEmpty();
        assertThatThrownBy(() -> MariaDbReplicationProbe.gtids("0-1")).hasMessageContaining("0-1");
    }

    @Test
    void theLagIsTheTimeSinceThePrimaryWasLastSeenWhereTheReplicaIs() {
        MariaDbReplicationProbe probe = new MariaDbReplicationProbe(null, null);
        assertThat(lag(probe, 0, 10, 10)).isZero();
        // A transaction commits between the polls at 0 and 100 ms (a binlog takes it whole at its commit): the
        // primary was last where the replica is at 0 ms, which dates the lag from within the statement.
        assertThat(lag(probe, 100, 11, 10)).isEqualTo(100);
        assertThat(lag(probe, 200, 12, 10)).isEqualTo(200);
        assertThat(lag(probe, 700, 12, 10)).isEqualTo(700);
        // It applies 11: the primary was last at 11 at 100 ms.
        assertThat(lag(probe, 800, 12, 11)).isEqualTo(700);
        assertThat(lag(probe, 900, 12, 12)).isZero();
        // A replica read after a newer commit than the primary's read is not behind.
        assertThat(lag(probe, 1000, 12, 13)).isZero();
    }

    @Test
    void anIdlePrimaryIsWhereTheReplicaIsUntilItsNextCommit() {
        MariaDbReplicationProbe probe = new MariaDbReplicationProbe(null, null);
        assertThat(lag(probe, 0, 5, 5)).isZero();
        assertThat(lag(probe, 1000, 5, 5)).isZero();
        assertThat(lag(probe, 1100, 6, 5)).isEqualTo(100);
    }

    @Test
    void aReplicaBehindAtTheFirstPollLagsAtLeastSinceThen() {
        MariaDbReplicationProbe probe = new MariaDbReplicationProbe(null, null);
        assertThat(probe.lagNanos(0, Map.of(0L, 5L), Map.of())).isZero();
        assertThat(probe.lagNanos(250 * MS, Map.of(0L, 5L), Map.of()) / MS).isEqualTo(250);
        assertThat(probe.lagNanos(300 * MS, Map.of(0L, 9L), Map.of(0L, 3L)) / MS).isEqualTo(300);
        assertThat(probe.lagNanos(400 * MS, Map.of(0L, 9L), Map.of(0L, 9L))).isZero();
    }

    @Test
    void theSlowestDomainDecides() {
        MariaDbReplicationProbe probe = new MariaDbReplicationProbe(null, null);
        assertThat(probe.lagNanos(0, Map.of(0L, 5L, 1L, 7L), Map.of(0L, 5L, 1L, 7L))).isZero();
        assertThat(probe.lagNanos(100 * MS, Map.of(0L, 6L, 1L, 7L), Map.of(0L, 6L, 1L, 7L))).isZero();
        assertThat(probe.lagNanos(200 * MS, Map.of(0L, 7L, 1L, 8L), Map.of(0L, 7L, 1L, 7L)) / MS).isEqualTo(100);
    }

    @Test
    void binlogOffsetsCountTheEarlierFiles() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        sizes.put("mariadb-bin.000001", 1_000L);
        sizes.put("mariadb-bin.000002", 500L);
        sizes.put("mariadb-bin.000003", 200L);
        assertThat(MariaDbReplicationProbe.offset(Map.of(), "mariadb-bin.000001", 900)).isEqualTo(900);
        assertThat(MariaDbReplicationProbe.offset(sizes, "mariadb-bin.000001", 400)).isEqualTo(400);
        assertThat(MariaDbReplicationProbe.offset(sizes, "mariadb-bin.000003", 50)).isEqualTo(1_550);
    }

    private static long lag(MariaDbReplicationProbe probe, long atMs, long primarySeq, long replicaSeq) {
        return probe.lagNanos(atMs * MS, Map.of(0L, primarySeq), Map.of(0L, replicaSeq)) / MS;
    }
}
