package dev.rehearse.analyze;

import dev.rehearse.report.PatternPages;
import dev.rehearse.scenario.ScenarioPair;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/patterns/ is generated from the catalog, the example files and the scenario pairs ({@link PatternPages}), so the
 * pages cannot drift from the rules: this test fails when a committed page differs from what is generated.
 * Regenerate with {@code ./rehearse docs patterns}.
 */
class PatternPagesTest {

    @Test
    void everyRuleHasAGeneratedPageAndThePagesAreCurrent() {
        PatternPages pages = new PatternPages(PatternExamples.ROOT, ScenarioPair.discover());
        assertThat(pages.stale()).as("stale pages; regenerate with %s", PatternPages.REGENERATE).isEmpty();
        assertThat(pages.orphans()).as("a page for every rule and no other").isEmpty();
    }

    @Test
    void eachRuleHasAtMostOneScenarioPairForItsPageToLinkTo() {
        assertThat(ScenarioPair.discover()).extracting(ScenarioPair::rule).doesNotHaveDuplicates();
    }
}
