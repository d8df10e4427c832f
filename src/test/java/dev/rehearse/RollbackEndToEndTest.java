package dev.rehearse;

import dev.rehearse.model.Category;
import dev.rehearse.model.Report;
import dev.rehearse.model.Status;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The downs rehearsed after the ups on a real embedded PostgreSQL, last migration first, as a rollback runs them:
 * whether each succeeds, what it locks, and what it loses.
 */
class RollbackEndToEndTest {

    private static Report run(Path dir, String... files) throws Exception {
        Path m = Files.createDirectories(dir.resolve("m"));
        for (int i = 0; i < files.length; i += 2) Files.writeString(m.resolve(files[i]), files[i + 1]);
        Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY, code text);\n");
        Path yaml = Files.writeString(dir.resolve("s.yaml"), """
                engine: postgres:16
                schema: schema.sql
                data:
                  tables:
                    accounts: 5k
                load: { clients: 2, rate: 50, baseline_seconds: 0.5, cooldown_seconds: 0.3, settle_seconds: 0.2 }
                migrations:
                  path: m
                """);
        Scenario s = ScenarioLoader.load(yaml);
        return new Rehearsal(s, line -> { }).run().report();
    }

    @Test
    void eachDownRunsLastFirstAndADownThatDropsWhatTheUpFilledLosesIt(@TempDir Path dir) throws Exception {
        Report r = run(dir,
                "V2__note.sql", "ALTER TABLE accounts ADD COLUMN note text;\nUPDATE accounts SET note = code;\n",
                "V2__note.down.sql", "ALTER TABLE accounts DROP COLUMN note;\n",
                "V3__idx.sql", "CREATE INDEX CONCURRENTLY accounts_code_idx ON accounts (code);\n");
        assertThat(r.rollbacks()).extracting(Report.Rollback::migration, Report.Rollback::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("V3__idx.sql", "no-down"),
                        org.assertj.core.groups.Tuple.tuple("V2__note.sql", "rolled-back"));
        Report.Rollback note = r.rollbacks().get(1);
        assertThat(note.file()).endsWith("V2__note.down.sql");
        assertThat(note.statements()).isEqualTo(1);
        assertThat(note.lost()).singleElement().asString().contains("accounts.note", "5,000 values");
        assertThat(note.locks()).anySatisfy(l -> {
            assertThat(l.relation()).isEqualTo("accounts");
            assertThat(l.mode()).isEqualTo("AccessExclusiveLock");
        });
        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("rollback-loses-data");
            assertThat(f.category()).isEqualTo(Category.DATA_LOSS);
            assertThat(f.message()).contains("rolling back V2__note.sql removes accounts.note (5,000 values)");
        });
        // the downs are not the change: the ups' statements are the report's statements
        assertThat(r.statements()).extracting(Report.StatementReport::migration).doesNotContain("V2__note.down.sql")
                .containsOnly("V2__note.sql", "V3__idx.sql");
        assertThat(dev.rehearse.report.ConsoleReport.render(r, false))
                .contains("Rollback: V3__idx.sql has no down; V2__note.sql rolled back in");
    }

    @Test
    void aDownThatFailsStopsTheRollbackAndIsAFinding(@TempDir Path dir) throws Exception {
        Report r = run(dir,
                "V2__add.sql", "ALTER TABLE accounts ADD COLUMN flag boolean;\n",
                "V2__add.down.sql", "ALTER TABLE accounts DROP COLUMN flag;\n",
                "V3__typo.sql", "CREATE TABLE audit (id bigint PRIMARY KEY);\n",
                "V3__typo.down.sql", "DROP TABLE audits;\n");
        assertThat(r.rollbacks()).extracting(Report.Rollback::outcome).containsExactly("failed", "not-reached");
        assertThat(r.rollbacks().get(0).error()).contains("audits");
        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("rollback-fails");
            assertThat(f.status()).isEqualTo(Status.FLAG);
            assertThat(f.category()).isEqualTo(Category.MISSING_ROLLBACK);
            assertThat(f.message()).contains("the down of V3__typo.sql fails", "audits");
        });
        // an empty column dropped loses nothing
        assertThat(r.findings()).noneSatisfy(f -> assertThat(f.rule()).isEqualTo("rollback-loses-data"));
    }
}
