package dev.rehearse.analyze;

import dev.rehearse.model.Category;
import dev.rehearse.model.Matrix;
import dev.rehearse.model.Report;
import dev.rehearse.model.Report.Impact;
import dev.rehearse.model.Report.Lock;
import dev.rehearse.model.Report.StatementReport;
import dev.rehearse.model.Status;
import dev.rehearse.model.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure comparisons behind {@code matrix} and {@code --compare}: differences, regressions and the noise model. */
class MatrixComparisonTest {

    static StatementReport statement(int index, String sql, long durationMs, Lock lock, List<String> rewrote,
                                     List<String> scanned, Integer blocked, String error) {
        return new StatementReport(index, "V1__m.sql", 1, sql, false, 0, durationMs, error, null,
                lock == null ? List.of() : List.of(lock), rewrote, List.of(), scanned, null, null,
                new Impact(blocked, null, null, null, null, null), null);
    }

    static Report report(String kind, Verdict verdict, List<Report.Finding> findings, StatementReport... statements) {
        return new Report(new Report.Tool("rehearse", "test"), new Report.Engine(kind, "1", "embedded"), verdict, "",
                List.of(), List.of(statements), findings, null, null, null, null, null);
    }

    static final String ADD = "ALTER TABLE t ADD COLUMN c int DEFAULT 0";
    static final Lock EXCLUSIVE = new Lock("t", "AccessExclusiveLock", "reads_writes", 40L);

    @Test
    void aRewriteOnOneVersionIsADifferenceButTimingsWithinTheNoiseAreNot() {
        Report ten = report("postgres", Verdict.SAFE_WITH_MODIFICATIONS,
                List.of(new Report.Finding("add-column-rewrite", Category.LOCK_CONTENTION, Status.FLAG, 1, "m", "a")),
                statement(1, ADD, 60, EXCLUSIVE, List.of("t"), List.of("t"), 0, null));
        Report eleven = report("postgres", Verdict.SAFE_TO_SHIP, List.of(),
                statement(1, ADD, 5, new Lock("t", "AccessExclusiveLock", "reads_writes", 5L), List.of(), List.of(), 0, null));
        List<Matrix.Difference> d = MatrixDifferences.of(List.of(
                new MatrixDifferences.Entry("postgres:10", "postgres", "rehearsed", ten),
                new MatrixDifferences.Entry("postgres:11", "postgres", "rehearsed", eleven)));
        assertThat(d).extracting(Matrix.Difference::field).containsExactly("rewrite", "scan", "status", "verdict");
        assertThat(d.get(0).byEngine()).isEqualTo(Map.of("postgres:10", true, "postgres:11", false));
        assertThat(d.get(2).byEngine().get("postgres:10")).isEqualTo("FLAG add-column-rewrite");
        assertThat(d.get(3).statementIndex()).isNull();
    }

    @Test
    void measuredFiguresDifferOnlyBeyondHalfAndTheFloor() {
        Report.Noise noise = StatementFigures.NOISE;
        assertThat(StatementFigures.grew(noise, 10, 105, false)).isFalse(); // 10x, but under 100 ms: a tiny table's jitter
        assertThat(StatementFigures.grew(noise, 1_000, 1_400, false)).isFalse(); // +40 %: run-to-run spread
        assertThat(StatementFigures.grew(noise, 1_000, 1_600, false)).isTrue();
        assertThat(StatementFigures.grew(noise, 0, 101, false)).isTrue();
        assertThat(StatementFigures.grew(noise, 2, 11, true)).isFalse();
        assertThat(StatementFigures.grew(noise, 2, 13, true)).isTrue();
        Report slow = report("postgres", Verdict.SAFE_TO_SHIP, List.of(),
                statement(1, ADD, 900, EXCLUSIVE, List.of(), List.of(), 0, null));
        Report fast = report("postgres", Verdict.SAFE_TO_SHIP, List.of(),
                statement(1, ADD, 300, EXCLUSIVE, List.of(), List.of(), 0, null));
        assertThat(MatrixDifferences.of(List.of(new MatrixDifferences.Entry("postgres:12", "postgres", "rehearsed", slow),
                new MatrixDifferences.Entry("postgres:16", "postgres", "rehearsed", fast))))
                .extracting(Matrix.Difference::field).containsExactly("durationMs");
    }

    @Test
    void lockNamesAndScansCompareWithinAnEngineKindAndAStatementAnEngineDidNotReachIsNotRun() {
        Report pg = report("postgres", Verdict.SAFE_TO_SHIP, List.of(),
                statement(1, ADD, 5, EXCLUSIVE, List.of(), List.of("t"), 0, null),
                statement(2, "ALTER TABLE t ALTER COLUMN c SET NOT NULL", 5, EXCLUSIVE, List.of(), List.of(), 0, null));
        Report maria = report("mariadb", Verdict.SAFE_TO_SHIP, List.of(),
                statement(1, ADD, 5, new Lock("t", "EXCLUSIVE", "reads_writes", null), List.of(), List.of(), 0, null),
                statement(2, "ALTER TABLE t ALTER COLUMN c SET NOT NULL", 1, null, List.of(), List.of(), null,
                        "You have an error in your SQL syntax\nnear 'SET NOT NULL'"));
        Report stopped = report("mariadb", Verdict.SAFE_TO_SHIP, List.of(),
                statement(1, ADD, 5, new Lock("t", "EXCLUSIVE", "reads_writes", null), List.of(), List.of(), 0, null));
        List<Matrix.Difference> d = MatrixDifferences.of(List.of(
                new MatrixDifferences.Entry("postgres:16", "postgres", "rehearsed", pg),
                new MatrixDifferences.Entry("mariadb:10.11", "mariadb", "incompatible", maria),
                new MatrixDifferences.Entry("mariadb:11.4", "mariadb", "rehearsed", stopped),
                new MatrixDifferences.Entry("mysql:8.0", "mysql", "failed", null)));
        assertThat(d).filteredOn(x -> Integer.valueOf(1).equals(x.statementIndex())).isEmpty();
        Matrix.Difference error = d.stream().filter(x -> x.field().equals("error")).findFirst().orElseThrow();
        assertThat(error.statementIndex()).isEqualTo(2);
        assertThat(error.byEngine()).containsEntry("postgres:16", null)
                .containsEntry("mariadb:10.11", "You have an error in your SQL syntax")
                .containsEntry("mariadb:11.4", "not run").doesNotContainKey("mysql:8.0");
        assertThat(d).filteredOn(x -> x.field().equals("status")).singleElement()
                .satisfies(x -> assertThat(x.byEngine()).containsEntry("mysql:8.0", "failed"));
    }

    @Test
    void regressionsAreMatchedByMigrationAndSqlAndJudgedBeyondTheNoise() {
        Report before = report("postgres", Verdict.SAFE_TO_SHIP, List.of(),
                statement(1, "CREATE INDEX i ON t (c)", 200, new Lock("t", "ShareLock", "writes", 200L), List.of(), List.of(), 3, null),
                statement(2, ADD, 10, EXCLUSIVE, List.of(), List.of(), 0, null),
                statement(3, "DROP INDEX i", 4, EXCLUSIVE, List.of(), List.of(), 0, null));
        Report same = report("postgres", Verdict.SAFE_TO_SHIP, List.of(),
                statement(1, "CREATE INDEX i ON t (c)", 260, new Lock("t", "ShareLock", "writes", 250L), List.of(), List.of(), 5, null),
                statement(2, ADD, 60, EXCLUSIVE, List.of(), List.of(), 0, null),
                statement(3, "DROP INDEX i", 4, EXCLUSIVE, List.of(), List.of(), 0, null));
        Report.Comparison quiet = Regressions.compare(before, "prev/report.json", same);
        assertThat(quiet.matched()).isEqualTo(3);
        assertThat(quiet.regressions()).isEmpty();

        Report worse = report("postgres", Verdict.SAFE_WITH_MODIFICATIONS,
                List.of(new Report.Finding("add-column-rewrite", Category.LOCK_CONTENTION, Status.FLAG, 3, "m", "a")),
                statement(1, "SELECT 1", 1, null, List.of(), List.of(), 0, null), // new: not compared
                statement(2, "CREATE INDEX i ON t (c)", 2_000, new Lock("t", "ShareLock", "writes", 1_900L), List.of(),
                        List.of(), 40, null),
                statement(3, ADD, 12, EXCLUSIVE, List.of("t"), List.of(), 0, null),
                statement(4, "DROP INDEX i", 4, EXCLUSIVE, List.of(), List.of(), 0, "ERROR: index \"i\" does not exist"));
        Report.Comparison c = Regressions.compare(before, "prev/report.json", worse);
        assertThat(c.matched()).isEqualTo(3);
        assertThat(c.unmatched()).isEqualTo(1);
        assertThat(c.regressions()).extracting(r -> r.statementIndex() + " " + r.previousIndex() + " " + r.field())
                .containsExactly("2 1 lockHoldMs", "2 1 durationMs", "2 1 blockedQueries", "3 2 rewrite", "3 2 status",
                        "4 3 error");
        assertThat(c.regressions().get(0).previous()).isEqualTo(200L);
        assertThat(c.regressions().get(0).current()).isEqualTo(1_900L);
    }
}
