package dev.rehearse.scenario;

import dev.rehearse.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code migrations.contexts} / {@code migrations.labels}: the deploy's Liquibase filters, from the scenario file. */
class ScenarioContextsLabelsTest {

    @Test
    void aStringOrAListIsTheExpressionAndNoneLeavesItUnset(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("db"));
        Path yaml = Files.writeString(dir.resolve("s.yaml"), """
                migrations:
                  path: db
                  format: liquibase
                  contexts: "prod and !test"
                  labels: [v2, hotfix]
                """);
        Scenario.Migrations m = ScenarioLoader.load(yaml).migrations();
        assertThat(m.contexts()).isEqualTo("prod and !test");
        assertThat(m.labels()).isEqualTo("v2, hotfix");
        assertThat(m.withContexts(null).contexts()).isEqualTo("prod and !test");
        assertThat(m.withContexts("dev").withLockRetries(null).contexts()).isEqualTo("dev");

        Path none = Files.writeString(dir.resolve("none.yaml"), "migrations:\n  path: db\n");
        assertThat(ScenarioLoader.load(none).migrations().contexts()).isNull();
        assertThat(ScenarioLoader.load(none).migrations().labels()).isNull();
    }

    @Test
    void aMappingOrAnEmptyExpressionIsAnErrorAtItsLine(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("db"));
        Path mapping = Files.writeString(dir.resolve("m.yaml"), "migrations:\n  path: db\n  contexts:\n    prod: true\n");
        assertThatThrownBy(() -> ScenarioLoader.load(mapping)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(mapping + ":3:").hasMessageContaining("migrations.contexts");
        Path empty = Files.writeString(dir.resolve("e.yaml"), "migrations:\n  path: db\n  labels: [v2, '']\n");
        assertThatThrownBy(() -> ScenarioLoader.load(empty)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(empty + ":3:").hasMessageContaining("migrations.labels");
        Path typo = Files.writeString(dir.resolve("t.yaml"), "migrations:\n  path: db\n  context: prod\n");
        assertThatThrownBy(() -> ScenarioLoader.load(typo)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("contexts").hasMessageContaining("labels");
    }
}
