package dev.rehearse.migrate.flyway;

import dev.rehearse.Rehearsal;
import dev.rehearse.engine.Engines;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.MigrationSources;
import dev.rehearse.scenario.CliOverrides;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ScenarioLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lint} (the layout detected, read as LintCommand reads) and {@code run} ({@code --format flyway}, read by
 * {@link Rehearsal#read()}) see the same statements, in the same order, at the same lines, in the same modes, with the
 * same refusals and downs.
 */
class FlywayLintRunEquivalenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"plain", "mixed", "spring"})
    void lintAndRunReadTheSameMigrations(String fixture) {
        List<Path> paths = List.of(FlywayMigrationSourceTest.fixture(fixture));

        MigrationSource detected = MigrationSources.detect(paths);
        assertThat(detected.format()).isEqualTo("flyway");
        List<Migration> lint = detected.read(paths, new MigrationSource.Context(
                Engines.dialect(EngineSpec.DEFAULT).splitter(), Scenario.Transaction.AUTO));

        Scenario s = ScenarioLoader.applyOverrides(ScenarioLoader.defaults(),
                CliOverrides.NONE.withMigrations(paths).withFormat("flyway"));
        List<Migration> run = new Rehearsal(s, line -> { }).read().all();

        assertThat(describe(run)).isNotEmpty().isEqualTo(describe(lint));
    }

    private static List<String> describe(List<Migration> migrations) {
        List<String> out = new ArrayList<>();
        for (Migration m : migrations) {
            out.add(m.name() + " v" + m.version() + " refused=" + m.refused() + " problems=" + m.problems()
                    + " rollback=" + m.rollback());
            for (List<Migration.Unit> units : List.of(m.units(), m.down())) {
                for (Migration.Unit u : units) {
                    u.statements().forEach(st -> out.add("  " + u.mode() + " " + st.line() + " " + st.kind() + " " + st.sql()));
                }
                out.add("  --");
            }
        }
        return out;
    }
}
