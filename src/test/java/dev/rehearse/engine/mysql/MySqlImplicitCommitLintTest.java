package dev.rehearse.engine.mysql;

import dev.rehearse.analyze.Linter;
import dev.rehearse.engine.Engines;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.SqlMigrationSource;
import dev.rehearse.model.Report;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Lint of a file its tool wraps in a transaction, on MariaDB: the finding says the transaction does not hold the DDL. */
class MySqlImplicitCommitLintTest {

    @Test
    void aToolTransactionAroundDdlIsSaidNotToProtectIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("V1__two.sql");
        Files.writeString(file, "ALTER TABLE t ADD COLUMN a int;\nUPDATE t SET a = 1 WHERE id < 100;\nALTER TABLE t ADD COLUMN b int;\n");
        EngineSpec at = EngineSpec.parse("mariadb:11.4");
        List<Migration> ms = new SqlMigrationSource().read(List.of(file),
                new MigrationSource.Context(new MySqlSplitter(), Scenario.Transaction.ALWAYS));
        Report.Finding f = new Linter(Linter.Options.of(at), Engines.dialect(at)).lint(ms).counted().stream()
                .filter(x -> x.rule().equals("no-rollback-non-transactional")).findFirst().orElseThrow();
        assertThat(f.message()).contains("its tool's transaction does not protect them: mariadb commits implicitly"
                + " at every DDL statement, line 1, 3");
        assertThat(Linter.unprotectedByTransaction(ms.get(0), Engines.dialect(EngineSpec.parse("postgres:16")))).isEmpty();
    }
}
