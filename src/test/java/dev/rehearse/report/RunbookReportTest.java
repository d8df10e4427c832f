package dev.rehearse.report;

import dev.rehearse.model.Report;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RunbookReportTest {

    /** report.json of a real rehearsal (src/test/resources/runbook/scenario.yaml on embedded PostgreSQL 16), stored. */
    static Report rehearsed() throws Exception {
        return JsonReport.read(Path.of("src/test/resources/golden/rehearsal-report.json"));
    }

    @Test
    void matchesTheGoldenFileFromARealRehearsal() throws Exception {
        Golden.assertMatches("runbook.md", RunbookReport.render(rehearsed()));
    }

    @Test
    void durationAtProductionSizeIsTheEstimateAndAsRehearsedOtherwise() throws Exception {
        String md = RunbookReport.render(rehearsed());
        assertThat(md).contains("| 1 | V1__orders_add_note.sql:1 | `ALTER TABLE orders ADD COLUMN note text` | 19 ms |"
                        + " as rehearsed (does not grow with a table) |",
                "| ≈ 2 min 15 s (300,000,000 rows of orders) | reads and writes of orders (AccessExclusiveLock) |",
                "Total: 760 ms rehearsed; about 18 min 31 s at production size.");
    }

    @Test
    void rollbackUsesTheRehearsedDownAndOtherwiseTheInverse() throws Exception {
        String md = RunbookReport.render(rehearsed());
        assertThat(md).contains("- **V1__orders_add_note.sql**: run its down `src/test/resources/runbook/migrations/"
                        + "V1__orders_add_note.down.sql` with the migration tool. Rehearsed: rolled back in 8 ms",
                "DROP INDEX CONCURRENTLY orders_created_at_idx;", "ALTER TABLE orders ALTER COLUMN status DROP NOT NULL;");
        assertThat(md.indexOf("**V3__")).isLessThan(md.indexOf("**V2__")).isLessThan(md.indexOf("**V1__"));
    }

    @Test
    void alertsAreTheScenariosWhenGivenAndThirtyAndSixtySecondsOtherwise() throws Exception {
        Report r = rehearsed();
        assertThat(RunbookReport.render(r)).contains("longer than 30.0 s;", "more than 1 min;", "(defaults;");
        Report own = r.withRun(r.run().withAlerts(new Report.Alerts(5_000, 10_000, "scenario")));
        assertThat(RunbookReport.render(own)).contains("(from the scenario's block thresholds)", "longer than 5.0 s;",
                "more than 10.0 s;", "longer than 5.0 s**");
    }

    @Test
    void aFailedDownSaysSoAndCallersArePlaceholders() throws Exception {
        Report r = rehearsed();
        Report failed = new Report(r.tool(), r.engine(), r.verdict(), r.verdictReason(), r.categories(), r.statements(),
                r.findings(), r.seed(), r.load(), r.replication(), r.run(), r.timeline(),
                java.util.List.of(new Report.Rollback("V1__orders_add_note.sql", "V1.down.sql", "failed",
                        "ERROR: column \"note\" does not exist", 3L, 1, java.util.List.of(), java.util.List.of())));
        assertThat(RunbookReport.render(failed)).contains("Rehearsed: it **failed**: ERROR: column \"note\" does not exist;"
                + " fix the down before the deploy", "| Database on call | _(fill in)_ |");
    }

    @Test
    void inversesOnlyWhereTheyAreCertain() {
        assertThat(RunbookReport.inverse("CREATE UNIQUE INDEX IF NOT EXISTS i ON t (a);", "postgres")).isEqualTo("DROP INDEX i;");
        assertThat(RunbookReport.inverse("CREATE INDEX i ON t (a)", "mariadb")).isEqualTo("DROP INDEX i ON t;");
        assertThat(RunbookReport.inverse("CREATE TABLE t (id int)", "postgres")).isEqualTo("DROP TABLE t;");
        assertThat(RunbookReport.inverse("ALTER TABLE t ADD CONSTRAINT k CHECK (a > 0) NOT VALID", "postgres"))
                .isEqualTo("ALTER TABLE t DROP CONSTRAINT k;");
        assertThat(RunbookReport.inverse("ALTER TABLE t ADD COLUMN c int DEFAULT 0", "postgres"))
                .startsWith("ALTER TABLE t DROP COLUMN c;");
        assertThat(RunbookReport.inverse("ALTER TABLE t ADD COLUMN c int, ADD COLUMN d int", "postgres"))
                .startsWith("-- no certain inverse");
        assertThat(RunbookReport.inverse("ALTER TABLE t ADD COLUMN c numeric(10,2)", "postgres"))
                .startsWith("ALTER TABLE t DROP COLUMN c;");
        assertThat(RunbookReport.inverse("UPDATE t SET a = 1", "postgres")).startsWith("-- no certain inverse");
    }
}
