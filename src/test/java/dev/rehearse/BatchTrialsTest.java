package dev.rehearse;

import dev.rehearse.model.Report;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The batch's SQL and the choice among the sizes tried: pure logic, no server. */
class BatchTrialsTest {

    @Test
    void aConditionIsKeptAndNarrowedToTheKeyRange() {
        assertThat(BatchTrials.ranged("UPDATE t SET a = 1 WHERE a IS NULL;", "\"id\""))
                .isEqualTo("UPDATE t SET a = 1 WHERE (a IS NULL) AND \"id\" >= ? AND \"id\" < ?");
        assertThat(BatchTrials.ranged("update t set a = b where a is null or (b > 1 and c < 2)", "id"))
                .isEqualTo("update t set a = b WHERE (a is null or (b > 1 and c < 2)) AND id >= ? AND id < ?");
        assertThat(BatchTrials.ranged("DELETE FROM events WHERE created < now() - interval '90 days'", "id"))
                .isEqualTo("DELETE FROM events WHERE (created < now() - interval '90 days') AND id >= ? AND id < ?");
    }

    @Test
    void withoutAConditionTheRangeIsTheCondition() {
        assertThat(BatchTrials.ranged("UPDATE accounts SET balance = balance + 1", "id"))
                .isEqualTo("UPDATE accounts SET balance = balance + 1 WHERE id >= ? AND id < ?");
        assertThat(BatchTrials.withoutWhere("UPDATE t SET a = 1 WHERE a IS NULL")).isEqualTo("UPDATE t SET a = 1");
        assertThat(BatchTrials.withoutWhere("UPDATE t SET a = 1")).isNull();
    }

    @Test
    void wordsInsideQuotesCommentsAndSubqueriesAreNotTheStatementsOwn() {
        assertThat(BatchTrials.ranged("UPDATE t SET note = 'where from' -- where\n WHERE a IN (SELECT x FROM y WHERE z)", "id"))
                .isEqualTo("UPDATE t SET note = 'where from' -- where\n WHERE (a IN (SELECT x FROM y WHERE z)) AND id >= ? AND id < ?");
        assertThat(BatchTrials.ranged("UPDATE t SET a = (SELECT max(b) FROM u)", "id"))
                .isEqualTo("UPDATE t SET a = (SELECT max(b) FROM u) WHERE id >= ? AND id < ?");
    }

    @Test
    void whatANarrowedStatementWouldNotMeanTheSameIsNotRehearsed() {
        assertThat(BatchTrials.ranged("UPDATE t SET a = u.b FROM u WHERE u.id = t.id", "id")).isNull();
        assertThat(BatchTrials.ranged("DELETE FROM t USING u WHERE u.id = t.id", "id")).isNull();
        assertThat(BatchTrials.ranged("UPDATE t SET a = 1 RETURNING id", "id")).isNull();
        assertThat(BatchTrials.ranged("DELETE FROM t WHERE a = 1 LIMIT 10", "id")).isNull();
        assertThat(BatchTrials.ranged("WITH x AS (SELECT 1) UPDATE t SET a = 1", "id")).isNull();
        assertThat(BatchTrials.ranged("UPDATE t SET a = $$x$$", "id")).isNull();
        assertThat(BatchTrials.ranged("UPDATE t SET a = 1; UPDATE u SET b = 2", "id")).isNull();
        assertThat(BatchTrials.ranged("UPDATE t SET a = 'open", "id")).isNull();
    }

    @Test
    void theLargestSizeUnderTheThresholdWinsWithItsCatchUpAsThePause() {
        BatchTrials trials = new BatchTrials(null, null, null, 1_000, line -> {});
        Report.BatchAdvice a = trials.advice(4, List.of(
                new Report.BatchTrial(1_000, 3, 3_000, 40, 150L, 320, true, true),
                new Report.BatchTrial(10_000, 3, 30_000, 400, 900L, 1_130, true, true),
                new Report.BatchTrial(50_000, 3, 150_000, 2_000, 4_200L, 4_800, false, true)));
        assertThat(a.statementIndex()).isEqualTo(4);
        assertThat(a.batchRows()).isEqualTo(10_000);
        assertThat(a.pauseMs()).isEqualTo(1_200);
        assertThat(a.maxLagMs()).isEqualTo(900L);
        assertThat(a.measured()).isTrue();
        assertThat(a.trials()).hasSize(3);
    }

    @Test
    void whenNoSizeStayedUnderTheSmallestIsAdvisedAsItLagged() {
        BatchTrials trials = new BatchTrials(null, null, null, 100, line -> {});
        Report.BatchAdvice a = trials.advice(1, List.of(
                new Report.BatchTrial(1_000, 3, 3_000, 40, 150L, 320, false, true),
                new Report.BatchTrial(10_000, 1, 10_000, 400, 900L, 60_000, false, false)));
        assertThat(a.batchRows()).isEqualTo(1_000);
        assertThat(a.maxLagMs()).isEqualTo(150L);
        assertThat(a.pauseMs()).isEqualTo(400);
    }
}
