package dev.rehearse.analyze;

import dev.rehearse.dialect.Rule;
import dev.rehearse.model.Status;
import dev.rehearse.model.Report.Finding;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.ScenarioPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rule's bad example is found and its safe example is not, for every engine the rule covers. */
class LintRulesTest {

    static List<PatternExamples> examples() {
        return PatternExamples.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void badIsFoundAndSafeIsNot(PatternExamples ex) {
        Rule rule = Rules.byId(ex.rule());
        assertThat(rule.covers(ex.engine().kind())).as("%s covers %s", rule.id(), ex.engine()).isTrue();
        List<Finding> bad = ex.lint(ex.bad(), ex.engine()).counted();
        assertThat(bad).extracting(Finding::rule).as("bad example at %s", ex.engine()).contains(ex.rule());
        for (Finding f : bad) {
            assertThat(f.file()).isNotNull();
            assertThat(f.line()).isPositive();
            assertThat(f.action()).isNotBlank();
        }
        List<Finding> safe = ex.lint(ex.safe(), ex.engine()).counted();
        assertThat(safe).extracting(Finding::rule).as("safe example at %s: %s", ex.engine(), safe).doesNotContain(ex.rule());
    }

    @Test
    void everyRuleHasExamplesForEveryEngineItCovers() {
        Set<String> have = examples().stream().map(e -> e.rule() + "/" + e.engine().kind())
                .collect(Collectors.toSet());
        for (Rule r : Rules.ALL) {
            for (EngineSpec.Kind k : r.engines()) {
                assertThat(have).as("examples of %s for %s", r.id(), k).contains(r.id() + "/" + k);
            }
        }
    }

    @Test
    void everyRuleIsDataWithTheFieldsTheDocsNeed() {
        assertThat(Rules.ALL).extracting(Rule::id).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z0-9-]+"));
        for (Rule r : Rules.ALL) {
            assertThat(r.title()).isNotBlank();
            assertThat(r.explanation()).isNotBlank();
            assertThat(r.advice()).isNotBlank();
            assertThat(r.engines()).isNotEmpty();
            assertThat(r.severity()).isNotEqualTo(Status.PASS);
        }
    }

    @Test
    void existingIdsStayStable() {
        assertThat(Rules.ALL).extracting(Rule::id).contains("set-not-null", "alter-column-type", "add-column-rewrite",
                "add-foreign-key-validated", "add-check-validated", "add-unique-without-index",
                "create-index-non-concurrent", "drop-index-non-concurrent", "reindex-non-concurrent",
                "vacuum-full-or-cluster", "drop-table", "drop-column", "truncate", "rename", "unbatched-backfill",
                "concurrently-in-transaction");
    }

    static List<ScenarioPair> scenarioPairs() {
        return ScenarioPair.discover();
    }

    /** lint and run name the same statements: each scenario pair's unsafe form is found by lint, its safe form is not. */
    @ParameterizedTest(name = "scenarios/{0}")
    @MethodSource("scenarioPairs")
    void lintFindsWhatTheScenarioPairsRehearse(ScenarioPair pair) {
        assertThat(Rules.ALL).extracting(Rule::id).as("%s names a rule of the catalog", pair.unsafe()).contains(pair.rule());
        // at the engine the pair rehearses (the MariaDB pairs' rules are the MySQL family's)
        EngineSpec engine = dev.rehearse.scenario.ScenarioLoader.load(pair.unsafe()).engine();
        var ex = new PatternExamples(pair.rule(), engine, pair.dir());
        assertThat(ex.lint(pair.dir().resolve("unsafe"), engine).counted()).extracting(Finding::rule).contains(pair.rule());
        assertThat(ex.lint(pair.dir().resolve("safe"), engine).counted()).extracting(Finding::rule).doesNotContain(pair.rule());
    }
}
