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
    void theLagIsTheAgeOfTheFirstSightingTheReplicaHasNotReached() {
        MariaDbReplicationProbe probe = new MariaDbReplicationProbe();
        assertThat(probe.lagMs(0, Map.of(0L, 10L), Map.of(0L, 10L))).isZero();
        // The primary commits 11 (seen at 100 ms) and 12 (at 200 ms); the replica is still at 10.
        assertThat(probe.lagMs(100 * MS, Map.of(0L, 11L), Map.of(0L, 10L))).isZero();
        assertThat(probe.lagMs(200 * MS, Map.of(0L, 12L), Map.of(0L, 10L))).isEqualTo(100.0);
        assertThat(probe.lagMs(700 * MS, Map.of(0L, 12L), Map.of(0L, 10L))).isEqualTo(600.0);
        // It applies 11: what it still lacks, 12, was first seen at 200 ms.
        assertThat(probe.lagMs(800 * MS, Map.of(0L, 12L), Map.of(0L, 11L))).isEqualTo(600.0);
        assertThat(probe.lagMs(900 * MS, Map.of(0L, 12L), Map.of(0L, 12L))).isZero();
        // A replica read after a newer commit than the primary's read is not behind.
        assertThat(probe.lagMs(1000 * MS, Map.of(0L, 12L), Map.of(0L, 13L))).isZero();
    }

    @Test
    void aDomainTheReplicaHasNeverAppliedCountsFromItsFirstSighting() {
        MariaDbReplicationProbe probe = new MariaDbReplicationProbe();
        assertThat(probe.lagMs(0, Map.of(0L, 5L), Map.of())).isZero();
        assertThat(probe.lagMs(250 * MS, Map.of(0L, 5L), Map.of())).isEqualTo(250.0);
        assertThat(probe.lagMs(300 * MS, Map.of(0L, 5L), Map.of(0L, 5L))).isZero();
    }

    @Test
    void binlogDistanceSpansFiles() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        sizes.put("mariadb-bin.000001", 1_000L);
        sizes.put("mariadb-bin.000002", 500L);
        sizes.put("mariadb-bin.000003", 200L);
        assertThat(MariaDbReplicationProbe.distance(sizes, "mariadb-bin.000001", 400, "mariadb-bin.000001", 900))
                .isEqualTo(500);
        assertThat(MariaDbReplicationProbe.distance(sizes, "mariadb-bin.000001", 400, "mariadb-bin.000003", 50))
                .isEqualTo(600 + 500 + 50);
        assertThat(MariaDbReplicationProbe.distance(Map.of(), "mariadb-bin.000001", 900, "mariadb-bin.000001", 400))
                .isZero();
    }
}
