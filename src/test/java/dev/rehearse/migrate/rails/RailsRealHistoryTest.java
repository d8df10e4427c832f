package dev.rehearse.migrate.rails;

import dev.rehearse.analyze.Linter;
import dev.rehearse.analyze.RealHistories;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.TransactionMode;
import dev.rehearse.model.Report.Finding;
import dev.rehearse.scenario.Scenario;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * rubygems.org's db/migrate (234 Rails migrations, 2009–2026, strong_migrations; committed under
 * src/test/resources/histories/rubygems-org, see its SOURCE.md) read and linted in milliseconds.
 */
class RailsRealHistoryTest {

    static List<Migration> read() {
        Path dir = RealHistories.dir("rubygems-org").resolve("db/migrate");
        return new RailsMigrationSource().read(List.of(dir), new MigrationSource.Context(
                RealHistories.DIALECT.splitter(), Scenario.Transaction.AUTO, RealHistories.ENGINE));
    }

    @Test
    void theWholeHistoryTranslatesAndWhatDoesNotIsSaidAtItsLine() {
        List<Migration> all = read();
        assertThat(all).hasSize(234);
        assertThat(all).extracting(Migration::version).isSorted();
        // strong_migrations' initializer sets lock_timeout 10s; it reaches every migration as the SET it sends
        assertThat(all).allMatch(m -> m.statements().get(0).sql().equals("SET SESSION lock_timeout TO '10s'"));
        long dsl = all.stream().mapToLong(m -> m.statements().size() - 2).sum();
        assertThat(dsl).isGreaterThan(400);
        Map<String, Integer> untranslated = new TreeMap<>();
        all.forEach(m -> m.problems().forEach(p -> untranslated.merge(p.message(), 1, Integer::sum)));
        System.out.println("rubygems.org untranslated: " + untranslated);
        // good_job's idempotence guards (return if connection.table_exists?) are decided from the schema the earlier
        // migrations built; only the one about a table no earlier migration created is said (and taken as absent)
        assertThat(untranslated).containsEntry(
                "cannot translate if table_exists?: good_job_executions is not created by these migrations", 1);
        assertThat(all.stream().mapToInt(m -> m.problems().size()).sum()).isEqualTo(3);
        // disable_ddl_transaction! migrations run in autocommit, the rest in one transaction each
        Migration concurrent = all.stream().filter(m -> m.statements().stream()
                .anyMatch(s -> s.kind() == SqlStatement.Kind.NON_TRANSACTIONAL)).findFirst().orElseThrow();
        assertThat(concurrent.units().get(0).mode()).isEqualTo(TransactionMode.AUTOCOMMIT);
        assertThat(all.stream().filter(m -> m.units().get(0).mode() == TransactionMode.TRANSACTION).count()).isGreaterThan(150);
    }

    @Test
    void lintOfTheNewestMigrationsKeepsQuietOnTheirNewTablesAndRespectsTheToolsLockTimeout() {
        List<Migration> all = read();
        Set<String> window = RealHistories.newest(all, RealHistories.WINDOW);
        long start = System.nanoTime();
        Linter.Result r = new Linter(new Linter.Options(RealHistories.ENGINE, Set.of(), false,
                RealHistories.pendingAmong(window)), RealHistories.DIALECT).lint(all);
        double ms = (System.nanoTime() - start) / 1e6;
        assertThat(ms).isLessThan(2000);
        assertThat(r.deployed()).isEqualTo(all.size() - RealHistories.WINDOW);
        List<Finding> findings = r.findings();
        // every migration leads with strong_migrations' SET lock_timeout: never missing-lock-timeout
        assertThat(findings).noneMatch(f -> f.rule().equals("missing-lock-timeout"));
        // strong_migrations makes the team add indexes concurrently: no blocking index build in the window
        assertThat(findings).noneMatch(f -> f.rule().equals("create-index-non-concurrent"));
        assertThat(findings).noneMatch(f -> f.rule().equals("concurrently-in-transaction"));
        // remove_column of columns deployed long before the window: a drop the application may still read
        assertThat(findings).anyMatch(f -> f.rule().equals("drop-column")
                && "20260617144510_remove_info_checksum_v1_columns_from_versions.rb".equals(f.file()) && f.line() == 6);
        System.out.println("rubygems.org lint: " + r.files() + " files, " + r.statements() + " statements, "
                + findings.size() + " findings in " + Math.round(ms) + " ms: "
                + findings.stream().map(f -> f.rule() + "@" + f.file() + ":" + f.line()).toList());
    }
}
