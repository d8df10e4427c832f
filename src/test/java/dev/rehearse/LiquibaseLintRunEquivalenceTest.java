package dev.rehearse;

import dev.rehearse.engine.Engines;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.MigrationSources;
import dev.rehearse.migrate.TransactionMode;
import dev.rehearse.scenario.CliOverrides;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** lint and run read a Liquibase project alike: the same statements, in the same order, in the same modes. */
class LiquibaseLintRunEquivalenceTest {

    private static final Path PROJECT = Path.of("src/test/resources/sources/liquibase/project");

    /** As {@code LintCommand.call()} obtains them: the detected source, the engine's splitter, the flags' filters. */
    private static List<Migration> lint(String contexts, String labels) {
        EngineSpec spec = EngineSpec.DEFAULT;
        MigrationSource source = MigrationSources.detect(List.of(PROJECT));
        return source.read(List.of(PROJECT), new MigrationSource.Context(Engines.dialect(spec).splitter(),
                Scenario.Transaction.AUTO, spec, contexts, labels));
    }

    /** As {@code run} obtains them: the scenario from flags, then {@link Rehearsal#read()}. */
    private static List<Migration> run(String contexts, String labels) {
        Scenario s = ScenarioLoader.applyOverrides(ScenarioLoader.defaults(), CliOverrides.NONE
                .withMigrations(List.of(PROJECT)).withFormat("liquibase"));
        s = s.withMigrations(s.migrations().withContexts(contexts).withLabels(labels));
        return new Rehearsal(s, line -> { }).read().all();
    }

    @Test
    void lintAndRunSeeTheSameChangeSetsStatementsAndModes() {
        List<Migration> lint = lint(null, null);
        assertThat(lint).hasSize(8);
        assertThat(lint.stream().flatMap(m -> m.units().stream()).map(Migration.Unit::mode))
                .contains(TransactionMode.AUTOCOMMIT, TransactionMode.TRANSACTION);
        assertThat(run(null, null)).isEqualTo(lint);

        List<Migration> filtered = lint("prod", "!v2");
        assertThat(filtered).extracting(Migration::version).containsExactly("1", "2", "3b", "4", "6");
        assertThat(run("prod", "!v2")).isEqualTo(filtered);
    }
}
