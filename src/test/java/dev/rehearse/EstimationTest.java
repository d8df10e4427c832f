package dev.rehearse;

import dev.rehearse.analyze.Scaling;
import dev.rehearse.model.EstimateReport;
import dev.rehearse.model.Report;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the estimate reads from a rehearsal's statement, and when it warns about memory. */
class EstimationTest {

    private static Report.StatementReport statement(String sql, List<String> rewrote, List<String> indexes,
                                                    List<String> scanned, Long rowsAffected, long durationMs,
                                                    List<Report.Lock> locks) {
        return new Report.StatementReport(1, "V1__x.sql", 1, sql, false, 0, durationMs, null, rowsAffected, locks,
                rewrote, indexes, scanned, null, null, null, null);
    }

    @Test
    void theOperationComesFromWhatWasMeasuredAndTheModelFromTheOperation() {
        assertThat(Estimation.operation(statement("ALTER TABLE t ALTER COLUMN a TYPE bigint", List.of("t"),
                List.of("t_pkey"), List.of(), null, 10, List.of()))).isEqualTo("rewrite");
        assertThat(Estimation.operation(statement("CREATE INDEX t_a ON t (a)", List.of(), List.of(), List.of(), null,
                10, List.of()))).isEqualTo("index build");
        assertThat(Estimation.operation(statement("ALTER TABLE t ADD CONSTRAINT t_u UNIQUE (a)", List.of(), List.of(),
                List.of(), null, 10, List.of()))).isEqualTo("index build");
        assertThat(Estimation.operation(statement("ALTER TABLE t ALTER COLUMN a SET NOT NULL", List.of(), List.of(),
                List.of("t"), null, 10, List.of()))).isEqualTo("scan");
        assertThat(Estimation.operation(statement("UPDATE t SET a = 0", List.of(), List.of(), List.of(), 5000L, 10,
                List.of()))).isEqualTo("rows written");
        assertThat(Estimation.operation(statement("ALTER TABLE t ADD COLUMN b int", List.of(), List.of(), List.of(),
                null, 10, List.of()))).isEqualTo("catalog-only");
        assertThat(Estimation.expected("rewrite")).isEqualTo(Scaling.Model.LINEAR);
        assertThat(Estimation.expected("scan")).isEqualTo(Scaling.Model.LINEAR);
        assertThat(Estimation.expected("rows written")).isEqualTo(Scaling.Model.LINEAR);
        assertThat(Estimation.expected("index build")).isEqualTo(Scaling.Model.LINEAR);
        assertThat(Estimation.expected("catalog-only")).isEqualTo(Scaling.Model.CONSTANT);
    }

    @Test
    void theLockHoldIsTheLongestBlockingHoldOrTheDurationWhereTheLockWasImplied() {
        Report.Lock writes = new Report.Lock("t", "ShareLock", "writes", 420L);
        Report.Lock none = new Report.Lock("t", "ShareUpdateExclusiveLock", "none", 9_000L);
        Report.Lock implied = new Report.Lock("t", "AccessExclusiveLock", "reads_writes", null);
        assertThat(Estimation.lockHold(statement("x", List.of(), List.of(), List.of(), null, 400, List.of(writes, none))))
                .isEqualTo(420L);
        assertThat(Estimation.lockHold(statement("x", List.of(), List.of(), List.of(), null, 7, List.of(implied))))
                .isEqualTo(7L);
        assertThat(Estimation.lockHold(statement("x", List.of(), List.of(), List.of(), null, 7, List.of(none)))).isNull();
    }

    private static EstimateReport.Assumptions assumptions(long cache, Long ram, long sort) {
        return new EstimateReport.Assumptions("this machine", "shared_buffers", cache, ram, Map.of(), List.of(),
                List.of(), "maintenance_work_mem", sort);
    }

    @Test
    void aTableThatFitInMemoryInTheRehearsalAndWouldNotAtTheTargetIsWarned() {
        long mb = 1_000_000;
        var a = assumptions(256 * mb, 16_000 * mb, 64 * mb);
        var grows = new EstimateReport.TableMemory("items", 1_000_000, 117 * mb, 10_000_000L, 1_170 * mb, true, false,
                true, true);
        assertThat(Estimation.memoryWarning(grows, a)).contains("items", "shared_buffers", "would not fit");
        var pastRam = new EstimateReport.TableMemory("items", 1_000_000, 117 * mb, 1_000_000_000L, 117_000 * mb, true,
                false, true, false);
        assertThat(Estimation.memoryWarning(pastRam, a)).contains("this machine's memory");
        var both = new EstimateReport.TableMemory("items", 1_000_000, 900 * mb, 10_000_000L, 9_000 * mb, false, false,
                true, true);
        assertThat(Estimation.memoryWarning(both, a)).as("already past the cache in the rehearsal").isNull();
        assertThat(Estimation.sortWarning(grows, a, "index build")).as("the rehearsal's sort spilled already").isNull();
        var small = new EstimateReport.TableMemory("items", 100_000, 12 * mb, 10_000_000L, 1_200 * mb, true, false,
                true, true);
        assertThat(Estimation.sortWarning(small, a, "index build")).contains("maintenance_work_mem", "spill");
        assertThat(Estimation.sortWarning(small, a, "scan")).isNull();
    }
}
