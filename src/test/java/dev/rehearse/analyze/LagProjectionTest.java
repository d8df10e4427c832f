package dev.rehearse.analyze;

import dev.rehearse.model.LagProjection;
import dev.rehearse.model.Report;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LagProjectionTest {

    private static Report.StatementReport statement(String sql, long durationMs, long rows, Long wal, Long lagMs,
                                                    Long productionRows, Long productionMs) {
        Report.Estimate estimate = productionRows == null ? null
                : new Report.Estimate("t", rows, durationMs * 1e6 / rows, productionRows, productionMs, durationMs);
        return new Report.StatementReport(0, "V1__x.sql", 1, sql, false, 0, durationMs, null, rows, List.of(), List.of(),
                List.of(), List.of(), wal, lagMs, null, estimate, null);
    }

    @Test
    void theLagBehindTheCommitIsApplyingLessWriting() {
        // 200 MB at 20 MB/s is 10 s to apply; the primary took 3 s to write it
        var r = statement("UPDATE t SET v = 1", 3_000, 1_000_000, 200_000_000L, null, null, null);
        assertThat(LagProjection.applyMs(r, 20_000_000)).isEqualTo(10_000);
        assertThat(LagProjection.lagMs(r, 20_000_000)).isEqualTo(7_000);
        assertThat(LagProjection.atProduction(r)).isFalse();
        // at 100x the rows, both scale: 20 GB is 1,000 s to apply, 300 s to write
        var big = statement("UPDATE t SET v = 1", 3_000, 1_000_000, 200_000_000L, null, 100_000_000L, 300_000L);
        assertThat(LagProjection.productionWal(big)).isEqualTo(20_000_000_000L);
        assertThat(LagProjection.lagMs(big, 20_000_000)).isEqualTo(700_000);
    }

    @Test
    void aPrimaryWritingSlowerThanTheReplicaAppliesLeavesNoLag() {
        var index = statement("CREATE INDEX CONCURRENTLY i ON t (v)", 10_000, 1_000_000, 50_000_000L, null, null, null);
        assertThat(LagProjection.lagMs(index, 20_000_000)).isZero();
        assertThat(LagProjection.batchAdvice(index, 20_000_000, 1_000)).isNull();
    }

    @Test
    void aBackfillThatLaggedGetsTheLargestRoundBatchUnderHalfTheThreshold() {
        // 7 ms behind per 1,000 rows: 50,000 rows put the replica 350 ms behind, under 500 ms; 100,000 would not
        var r = statement("UPDATE t SET v = 1", 3_000, 1_000_000, 200_000_000L, 7_000L, null, null);
        Report.BatchAdvice a = LagProjection.batchAdvice(r, 20_000_000, 1_000);
        assertThat(a.batchRows()).isEqualTo(50_000);
        assertThat(a.maxLagMs()).isEqualTo(350);
        assertThat(a.pauseMs()).isEqualTo(400);
        assertThat(a.measured()).isFalse();
        assertThat(LagProjection.batchAdvice(statement("ALTER TABLE t ADD c int", 3_000, 1_000_000, 200_000_000L,
                7_000L, null, null), 20_000_000, 1_000)).isNull();
    }
}
