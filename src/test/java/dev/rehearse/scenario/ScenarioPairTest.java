package dev.rehearse.scenario;

import dev.rehearse.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scenario pairs are whatever scenarios/ holds, each naming its rule; the tests and pattern pages list them from here. */
class ScenarioPairTest {

    @Test
    void theShippedPairsAreFoundAndLoad() {
        var pairs = ScenarioPair.discover();
        assertThat(pairs).extracting(ScenarioPair::name).contains("set-not-null", "create-index", "reindex")
                .doesNotContain("quickstart", "ecommerce", "saas");
        assertThat(pairs).filteredOn(p -> p.name().equals("create-index")).singleElement()
                .extracting(ScenarioPair::rule).isEqualTo("create-index-non-concurrent");
        // The '# rule:' line is a comment, so the loader (which rejects unknown keys) still reads the file.
        for (ScenarioPair p : pairs) {
            ScenarioLoader.load(p.unsafe());
            ScenarioLoader.load(p.safe());
        }
    }

    @Test
    void aNewPairIsFoundByBeingAdded(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectories(root.resolve("drop-default"));
        Files.writeString(dir.resolve("unsafe.yaml"), "# drop-default, unsafe form\n# rule: set-not-null\nengine: postgres:16\n");
        Files.writeString(dir.resolve("safe.yaml"), "engine: postgres:16\n");
        Files.createDirectories(root.resolve("not-a-pair"));
        assertThat(ScenarioPair.discover(root)).containsExactly(new ScenarioPair("drop-default", dir, "set-not-null"));
    }

    @Test
    void aPairWithoutItsRuleOrItsSafeFormIsAnError(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectories(root.resolve("p"));
        Files.writeString(dir.resolve("unsafe.yaml"), "engine: postgres:16\n# rule: set-not-null\n");
        Files.writeString(dir.resolve("safe.yaml"), "engine: postgres:16\n");
        assertThatThrownBy(() -> ScenarioPair.discover(root)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unsafe.yaml:1").hasMessageContaining("# rule:");
        Files.delete(dir.resolve("safe.yaml"));
        assertThatThrownBy(() -> ScenarioPair.discover(root)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("safe.yaml");
    }
}
