package dev.rehearse;

import dev.rehearse.model.Verdict;
import dev.rehearse.model.Report;
import dev.rehearse.scenario.CliOverrides;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ScenarioLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every single-footgun scenario in scenarios/: the unsafe form must not ship, its safe rewrite must. */
class ScenarioPairsTest {

    private static final Map<String, String> FIRST_RULE = Map.ofEntries(
            Map.entry("set-not-null", "set-not-null"),
            Map.entry("create-index", "create-index-non-concurrent"),
            Map.entry("add-foreign-key", "add-foreign-key-validated"),
            Map.entry("add-column-volatile-default", "add-column-rewrite"),
            Map.entry("concurrently-in-transaction", "concurrently-in-transaction"),
            Map.entry("alter-column-type", "alter-column-type"),
            Map.entry("add-check-validated", "add-check-validated"),
            Map.entry("validate-in-same-transaction", "validate-in-same-transaction"),
            Map.entry("add-unique-without-index", "add-unique-without-index"),
            Map.entry("reindex", "reindex-non-concurrent"));

    private static Report rehearse(String name, String form) {
        Scenario base = ScenarioLoader.load(Path.of("scenarios", name, form + ".yaml"));
        // Smaller than the files' 200k rows to keep CI quick; the estimate still scales to production_rows.
        List<String> rows = base.data().tables().keySet().stream()
                .map(t -> t + "=" + Math.min(50_000, base.data().tables().get(t).rows())).toList();
        Scenario s = ScenarioLoader.applyOverrides(base, new CliOverrides(null, null, null, null, null, null, null,
                null, null, rows, null, null, null, null, null, null, null));
        return new Rehearsal(s, line -> { }).run().report();
    }

    @ParameterizedTest
    @ValueSource(strings = {"set-not-null", "create-index", "add-foreign-key", "add-column-volatile-default",
            "concurrently-in-transaction", "alter-column-type", "add-check-validated", "validate-in-same-transaction",
            "add-unique-without-index", "reindex"})
    void unsafeFormIsStoppedAndSafeFormShips(String name) {
        Report unsafe = rehearse(name, "unsafe");
        assertThat(unsafe.verdict()).as(unsafe.verdictReason()).isEqualTo(Verdict.BLOCK);
        assertThat(unsafe.findings().get(0).rule()).isEqualTo(FIRST_RULE.get(name));

        Report safe = rehearse(name, "safe");
        assertThat(safe.verdict()).as(safe.verdictReason() + " " + safe.findings()).isEqualTo(Verdict.SAFE_TO_SHIP);
        assertThat(safe.statements()).allSatisfy(st -> assertThat(st.error()).isNull());
    }
}
