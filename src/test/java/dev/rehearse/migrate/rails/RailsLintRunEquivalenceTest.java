package dev.rehearse.migrate.rails;

import dev.rehearse.Rehearsal;
import dev.rehearse.engine.Engines;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.MigrationSources;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** lint and run read a Rails folder into the same statements, in the same order, with the same transaction modes. */
class RailsLintRunEquivalenceTest {

    private static final Path APP = Path.of("src/test/resources/sources/rails/app/db/migrate");

    @Test
    void lintAndRunSeeTheSameMigrations() {
        EngineSpec spec = EngineSpec.parse("postgres:16");
        // as LintCommand reads them: the source detected from the layout, the engine's splitter, the engine
        MigrationSource source = MigrationSources.detect(List.of(APP));
        assertThat(source.format()).isEqualTo("rails");
        List<Migration> linted = source.read(List.of(APP),
                new MigrationSource.Context(Engines.dialect(spec).splitter(), Scenario.Transaction.AUTO, spec));
        // as Rehearsal.read() reads them for run
        Scenario scenario = ScenarioLoader.defaults().withEngine(spec)
                .withMigrations(new Scenario.Migrations(List.of(APP), "rails", Scenario.Transaction.AUTO, null, null));
        List<Migration> ran = new Rehearsal(scenario, m -> { }).read().all();

        assertThat(ran).hasSameSizeAs(linted).hasSize(5);
        for (int i = 0; i < linted.size(); i++) {
            Migration l = linted.get(i);
            Migration r = ran.get(i);
            assertThat(r.name()).isEqualTo(l.name());
            assertThat(r.units()).isEqualTo(l.units()); // statements, lines, kinds and modes
            assertThat(r.down()).isEqualTo(l.down());
            assertThat(r.problems()).isEqualTo(l.problems());
        }
        assertThat(linted.get(2).units().get(0).mode()).isEqualTo(dev.rehearse.migrate.TransactionMode.AUTOCOMMIT);
        assertThat(linted.get(0).units().get(0).mode()).isEqualTo(dev.rehearse.migrate.TransactionMode.TRANSACTION);
    }
}
