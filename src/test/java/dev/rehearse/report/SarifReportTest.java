package dev.rehearse.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.model.Report;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * report.sarif from stored report.json files, against golden files (regenerate with
 * {@code -Drehearse.golden.update=true}) and OASIS's SARIF 2.1.0 schema.
 */
class SarifReportTest {

    static final Path QUICKSTART = Path.of("src/test/resources/reports/quickstart/report.json");
    static final Path REHEARSAL = Path.of("src/test/resources/golden/rehearsal-report.json");
    static final Path LINT = Path.of("src/test/resources/reports/lint/report.json");
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRealRehearsalMatchesItsGoldenFileAndTheSchema() throws Exception {
        String sarif = SarifReport.render(JsonReport.read(REHEARSAL));
        SarifSchema.validate(sarif);
        Golden.assertMatches("rehearsal.sarif", sarif);
        JsonNode run = JSON.readTree(sarif).get("runs").get(0);
        assertThat(run.get("invocations").get(0).get("commandLine").asText())
                .isEqualTo("rehearse run src/test/resources/runbook/scenario.yaml --out /tmp/runbook-run");
        assertThat(run.get("results").get(0).get("level").asText()).isEqualTo("error");
    }

    @Test
    void theQuickstartMatchesItsGoldenFileAndTheSchema() throws Exception {
        String sarif = SarifReport.render(JsonReport.read(QUICKSTART));
        SarifSchema.validate(sarif);
        Golden.assertMatches("quickstart.sarif", sarif);
    }

    @Test
    void aLintWithEveryKindOfSuppressionMatchesItsGoldenFileAndTheSchema() throws Exception {
        Report lint = JsonReport.read(LINT);
        String sarif = SarifReport.render(lint);
        SarifSchema.validate(sarif);
        Golden.assertMatches("lint.sarif", sarif);
        JsonNode results = JSON.readTree(sarif).get("runs").get(0).get("results");
        assertThat(results).hasSize(lint.findings().size());
        JsonNode truncate = null, dropColumn = null;
        for (JsonNode r : results) {
            if (r.get("ruleId").asText().equals("truncate")) truncate = r;
            if (r.get("ruleId").asText().equals("drop-column")) dropColumn = r;
        }
        assertThat(truncate.get("suppressions").get(0).get("kind").asText()).isEqualTo("external");
        assertThat(dropColumn.get("suppressions").get(0).get("kind").asText()).isEqualTo("inSource");
        assertThat(dropColumn.get("suppressions").get(0).get("justification").asText())
                .isEqualTo("unused since release 41, backed up");
    }

    @Test
    void theSchemaRejectsWhatItShould() {
        // the validator is live: a level SARIF does not know and a relative helpUri are both errors
        String bad = """
                {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "rehearse",
                  "rules": [{"id": "x", "helpUri": "docs/patterns/x.md"}]}},
                  "results": [{"ruleId": "x", "level": "fatal", "message": {"text": "m"}}]}]}""";
        assertThat(SarifSchema.errors(bad)).anyMatch(e -> e.contains("level")).anyMatch(e -> e.contains("helpUri"));
    }
}
