package dev.rehearse;

import dev.rehearse.model.Verdict;
import dev.rehearse.model.Report;
import dev.rehearse.scenario.CliOverrides;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ScenarioPair;
import dev.rehearse.scenario.ScenarioLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every single-footgun scenario pair in scenarios/ (each {@code <name>/unsafe.yaml}): the unsafe form must not ship and
 * its first finding is the rule its {@code # rule:} line names; its safe rewrite must ship.
 */
class ScenarioPairsTest {

    private static Report rehearse(Path scenario) {
        Scenario base = ScenarioLoader.load(scenario);
        // Smaller than the files' 200k rows to keep CI quick; the estimate still scales to production_rows.
        List<String> rows = base.data().tables().keySet().stream()
                .map(t -> t + "=" + Math.min(50_000, base.data().tables().get(t).rows())).toList();
        Scenario s = ScenarioLoader.applyOverrides(base, CliOverrides.NONE.withRows(rows));
        return new Rehearsal(s, line -> { }).run().report();
    }

    /** Every shipped pair under {@code -Pslow}; verify rehearses every third (about 100 s for all of them here). */
    static List<ScenarioPair> pairs() {
        List<ScenarioPair> all = ScenarioPair.discover();
        if (TestMatrix.full()) return all;
        return java.util.stream.IntStream.range(0, all.size()).filter(i -> i % 3 == 0).mapToObj(all::get).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void unsafeFormIsStoppedAndSafeFormShips(ScenarioPair pair) {
        Report unsafe = rehearse(pair.unsafe());
        assertThat(unsafe.verdict()).as(unsafe.verdictReason()).isEqualTo(Verdict.BLOCK);
        assertThat(unsafe.findings().get(0).rule()).isEqualTo(pair.rule());

        Report safe = rehearse(pair.safe());
        assertThat(safe.verdict()).as(safe.verdictReason() + " " + safe.findings()).isEqualTo(Verdict.SAFE_TO_SHIP);
        assertThat(safe.statements()).allSatisfy(st -> assertThat(st.error()).isNull());
    }
}
