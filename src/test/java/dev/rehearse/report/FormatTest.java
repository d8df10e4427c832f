package dev.rehearse.report;

import dev.rehearse.model.Quantities;
import dev.rehearse.model.Report;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FormatTest {

    @Test
    void theRunLineTellsTheProbesOwnCostWhenItWasTimed() {
        Report r = ReportFixture.blocked();
        assertThat(String.join("\n", Format.facts(r))).doesNotContain("statement probe");
        Report.Run run = r.run();
        Report timed = new Report(r.tool(), r.engine(), r.verdict(), r.verdictReason(), r.categories(), r.statements(),
                r.findings(), r.seed(), r.load(), r.replication(),
                new Report.Run(run.startedAt(), run.wallSeconds(), run.sampleIntervalMs(), run.achievedSampleIntervalMs(),
                        run.scenario(), run.achievedSampleIntervalP99Ms(), run.achievedSampleIntervalMaxMs(), 12.5, 3.25, 9.0),
                r.timeline());
        assertThat(Format.facts(timed)).anySatisfy(line -> assertThat(line).startsWith("Run: ")
                .contains("statement probe 12.5 ms (at most 3.3 ms around one statement, 9.0 ms inside transactions)"));
    }

    @Test
    void durationsReadNaturallyAtEveryScale() {
        assertThat(Quantities.duration(0)).isEqualTo("0 ms");
        assertThat(Quantities.duration(840)).isEqualTo("840 ms");
        assertThat(Quantities.duration(1_204)).isEqualTo("1.2 s");
        assertThat(Quantities.duration(59_960)).isEqualTo("1 min"); // rounds up into the next unit, not "60.0 s"
        assertThat(Quantities.duration(76_400)).isEqualTo("1 min 16 s");
        assertThat(Quantities.duration(336_000)).isEqualTo("5 min 36 s");
        assertThat(Quantities.duration(3_600_000)).isEqualTo("1 h");
        assertThat(Quantities.duration(4_560_000)).isEqualTo("1 h 16 min");
    }

    @Test
    void numbersAreGroupedRegardlessOfLocale() {
        assertThat(Quantities.number(2_000_000_000L)).isEqualTo("2,000,000,000");
        assertThat(Quantities.decimal(38.25)).isEqualTo("38.3");
    }

    @Test
    void wrapKeepsEveryWordWithinTheWidth() {
        assertThat(Format.wrap("one two three four", 9)).containsExactly("one two", "three", "four");
        assertThat(Format.wrap("a\nb", 9)).containsExactly("a", "b");
        assertThat(Format.wrap("orders_customer_id_not_null x", 10)).containsExactly("orders_cus", "tomer_id_n", "ot_null x");
        assertThat(Format.wrap(null, 5)).containsExactly("-");
    }

    @Test
    void oneLineCollapsesAndTruncates() {
        assertThat(Format.oneLine("CREATE INDEX i\n    ON t (c)", 60)).isEqualTo("CREATE INDEX i ON t (c)");
        assertThat(Format.oneLine("x".repeat(80), 60)).hasSize(60).endsWith("...");
    }

    @Test
    void estimateNamesTheProductionSize() {
        assertThat(Format.estimate(new Report.Estimate("orders", 1_000_000, 38.2, 2_000_000_000L, 76_400L)))
                .isEqualTo("~38.2 ms per million rows of orders (rehearsed at 1,000,000); at 2,000,000,000 rows ≈ 1 min 16 s");
        assertThat(Format.estimate(new Report.Estimate("orders", 1_000_000, 38.2, null, null)))
                .isEqualTo("~38.2 ms per million rows of orders (rehearsed at 1,000,000)");
    }

    @Test
    void sqlRewritesAreToldFromProse() {
        assertThat(Format.isSql(ReportFixture.NOT_NULL_REWRITE)).isTrue();
        assertThat(Format.isSql("-- first\nDROP INDEX CONCURRENTLY i;")).isTrue();
        assertThat(Format.isSql("Use pg_repack (or pg_squeeze), which rebuilds online.")).isFalse();
        assertThat(Format.isSql("Delete in batches if the rows must go")).isFalse();
    }

    @org.junit.jupiter.api.Test
    void bytesInDecimalUnits() {
        org.assertj.core.api.Assertions.assertThat(Quantities.bytes(512)).isEqualTo("512 B");
        org.assertj.core.api.Assertions.assertThat(Quantities.bytes(4_147_900_000L)).isEqualTo("4.1 GB");
        org.assertj.core.api.Assertions.assertThat(Quantities.bytes(1_000_000)).isEqualTo("1.0 MB");
    }

    @Test
    void planChangesNameTheQueriesWhoseIndexesChanged() {
        var unchanged = new Report.Plan("by_id", java.util.List.of("orders_pkey"), java.util.List.of("orders_pkey"),
                java.util.List.of("Index Scan using orders_pkey on orders"),
                java.util.List.of("Index Scan using orders_pkey on orders"), null);
        var dropped = new Report.Plan("by_customer", java.util.List.of("orders_customer_idx"), java.util.List.of(),
                java.util.List.of("Index Scan using orders_customer_idx on orders"), java.util.List.of("Seq Scan on orders"),
                null);
        var added = new Report.Plan("by_total", java.util.List.of(), java.util.List.of("orders_total_idx"),
                java.util.List.of("Seq Scan on orders"), java.util.List.of("Index Scan using orders_total_idx on orders"),
                null);
        assertThat(Format.planChanges(java.util.List.of(unchanged, dropped, added)))
                .isEqualTo("by_customer no longer uses orders_customer_idx; by_total now uses orders_total_idx");
        assertThat(Format.planChanges(null)).isEmpty();
        assertThat(Format.planChanges(java.util.List.of(unchanged))).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aLockWaitAndEarlierAttemptsAreSaidApartFromTheWork() {
        var s = new dev.rehearse.model.Report.StatementReport(3, "V2__x.sql", 1, "ALTER TABLE t ADD COLUMN c int", true,
                100, 2_000, null, null, java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.List.of(),
                null, null, null, null, 1_959L, "session 42 (rehearse-long-transaction), reading t",
                java.util.List.of(new dev.rehearse.model.Report.Attempt(2_091, 304, "ERROR: canceling statement due to lock timeout")));
        org.assertj.core.api.Assertions.assertThat(Format.notes(java.util.List.of(s))).containsExactly(
                "#3 waited 2.0 s for its lock behind session 42 (rehearse-long-transaction), reading t",
                "#3 earlier attempt at 2,091 ms failed after 304 ms: ERROR: canceling statement due to lock timeout");
    }

    @org.junit.jupiter.api.Test
    void theAlgorithmLeadsTheEffects() {
        java.util.function.BiFunction<String, Boolean[], dev.rehearse.model.Report.StatementReport> alter = (algorithm, flags) ->
                new dev.rehearse.model.Report.StatementReport(1, "V1__x.sql", 1, "ALTER TABLE t MODIFY q bigint", false,
                        0, 10, null, 5L, java.util.List.of(), java.util.List.of("t"), java.util.List.of(), java.util.List.of(),
                        null, null, null, null, null, null, java.util.List.of(), algorithm, flags[0], flags[1]);
        org.assertj.core.api.Assertions.assertThat(Format.effects(alter.apply("COPY", new Boolean[]{true, false})))
                .containsExactly("ALTER COPY (rebuild, writes blocked)", "rewrote t");
        org.assertj.core.api.Assertions.assertThat(Format.effects(alter.apply("INPLACE", new Boolean[]{false, true})))
                .startsWith("ALTER INPLACE (online)");
        org.assertj.core.api.Assertions.assertThat(Format.effects(alter.apply("INSTANT", new Boolean[]{false, true})))
                .startsWith("ALTER INSTANT");
        org.assertj.core.api.Assertions.assertThat(Format.effects(alter.apply(null, new Boolean[]{null, null})))
                .containsExactly("rewrote t");
    }
}
