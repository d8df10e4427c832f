package dev.rehearse;

import dev.rehearse.fix.FileChange;
import dev.rehearse.fix.Fixer;
import dev.rehearse.fix.MigrationWriters;
import dev.rehearse.migrate.Migration;
import dev.rehearse.model.Report;
import dev.rehearse.model.Verdict;
import dev.rehearse.provision.DockerAvailability;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ScenarioLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * mysql-add-column-rebuild's fix proven where it applies: MySQL before 8.0.29 adds a column INSTANT only as the last
 * column, so {@code ADD COLUMN ... AFTER id} rebuilds the table, and the fix appends it with ALGORITHM=INSTANT. No
 * MySQL server runs on this project's machines (MariaDB adds a column INSTANT anywhere: nothing to fix there), so it
 * runs in a container of the official image, only where a Docker engine answers; elsewhere it skips saying why.
 */
@Tag("slow")
class DockerMySqlFixRehearsalTest {

    @Test
    void aColumnAddedAfterAnotherRebuildsOnMySql8028AndAppendedLastIsInstant(@TempDir Path tmp) throws Exception {
        DockerAvailability.Result docker = DockerAvailability.check();
        assumeTrue(docker.available(), "skipped: " + docker.reason());
        Path dir = Files.createDirectories(tmp.resolve("migrations"));
        Files.writeString(dir.resolve("V1__accounts_note.sql"), """
                SET SESSION lock_wait_timeout = 5;
                ALTER TABLE accounts ADD COLUMN note VARCHAR(40) AFTER id;
                """);
        Path yaml = Files.writeString(tmp.resolve("unsafe.yaml"), """
                engine: mysql:8.0.28
                provider: docker
                schema: %s
                data:
                  tables:
                    accounts: { rows: 150k }
                load: { clients: 8, rate: 400, write_fraction: 0.5, baseline_seconds: 1, cooldown_seconds: 0.3 }
                migrations: { path: migrations }
                """.formatted(Path.of("scenarios/mariadb-copy-index/schema.sql").toAbsolutePath()));
        Scenario s = ScenarioLoader.load(yaml);
        List<Migration> ms = FixRehearsalTest.read(s, dir, "sql");
        Fixer.Result fix = FixRehearsalTest.fixedBy(s, ms, "mysql-add-column-rebuild");
        List<FileChange> changes = new ArrayList<>();
        for (Fixer.FileFix f : fix.files()) changes.addAll(MigrationWriters.forFormat("sql").write(f, ms));

        FixRehearsal.Outcome o = FixRehearsal.run(s, List.of(dir), changes, null, Set.of(), line -> { }, Set.of());
        Report.StatementReport before = alter(o.original()), after = alter(o.fixed());
        // the original rebuilt the table in place (documented for MySQL < 8.0.29), measured from the server
        assertThat(o.original().verdict()).as(o.original().verdictReason()).isNotEqualTo(Verdict.SAFE_TO_SHIP);
        assertThat(before.algorithm()).as(before.toString()).isEqualTo("INPLACE");
        assertThat(before.rebuild()).as(before.toString()).isTrue();
        // appended last it is metadata only
        assertThat(after.sql()).contains("ALGORITHM=INSTANT").doesNotContain("AFTER");
        assertThat(after.algorithm()).as(after.toString()).isEqualTo("INSTANT");
        assertThat(after.rebuild()).as(after.toString()).isNotEqualTo(Boolean.TRUE);
        assertThat(o.fixed().verdict()).as(o.fixed().verdictReason() + " " + o.fixed().findings())
                .isEqualTo(Verdict.SAFE_TO_SHIP);
    }

    private static Report.StatementReport alter(Report r) {
        return r.statements().stream().filter(st -> st.sql().startsWith("ALTER TABLE")).findFirst().orElseThrow();
    }
}
