package dev.rehearse.report;

import dev.rehearse.model.Report;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.model.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class JsonReportTest {

    // CONTRACT.md's keys, and the model's documented extensions of them
    static final List<String> CONTRACT_TOP = List.of("tool", "engine", "verdict", "categories", "statements", "findings",
            "seed", "load", "replication");
    static final List<String> EXTENSION_TOP = List.of("verdictReason", "run", "timeline", "rollbacks", "thresholds",
            "comparison");
    static final List<String> CONTRACT_STATEMENT = List.of("index", "migration", "sql", "startedAtMs", "durationMs", "error",
            "rowsAffected", "locks", "rewrote", "scanned", "walBytes", "replicationLagMaxMs", "impact");
    static final List<String> EXTENSION_STATEMENT = List.of("line", "inTransaction", "indexesRebuilt", "estimate",
            "lockWaitMs", "queuedBehind", "attempts", "algorithm", "rebuild", "concurrentDml");

    final Report report = ReportFixture.blocked();
    final JsonNode json = tree(JsonReport.render(report));

    @Test
    void topLevelKeysAreTheContractsInRecordOrder() {
        assertThat(keys(json)).containsExactlyInAnyOrderElementsOf(concat(CONTRACT_TOP, EXTENSION_TOP))
                .containsExactlyElementsOf(components(Report.class));
        assertThat(keys(json.get("tool"))).containsExactly("name", "version");
        assertThat(keys(json.get("engine"))).containsExactly("kind", "version", "provider");
        assertThat(keys(json.get("seed").get("tables").get(0))).containsExactly("name", "rows", "seconds");
        assertThat(keys(json.get("run"))).containsExactlyElementsOf(components(Report.Run.class));
        assertThat(keys(json.get("timeline"))).containsExactly("windowMs", "windows");
        assertThat(keys(json.get("timeline").get("windows").get(0)))
                .containsExactly("atMs", "queries", "errors", "p99Ms", "sessionsWaiting", "statement");
    }

    @Test
    void statementCategoryAndFindingKeysAreTheContracts() {
        for (JsonNode s : json.get("statements")) {
            assertThat(keys(s)).containsExactlyInAnyOrderElementsOf(concat(CONTRACT_STATEMENT, EXTENSION_STATEMENT))
                    .containsExactlyElementsOf(components(Report.StatementReport.class));
            // the contract's, then the extension: the same window as Traffic
            assertThat(keys(s.get("impact"))).containsExactly("blockedQueries", "maxBlockedMs", "p99Ms", "baselineP99Ms",
                    "errors", "queries", "during");
            for (JsonNode l : s.get("locks")) assertThat(keys(l)).containsExactly("relation", "mode", "blocks", "heldMs");
        }
        for (JsonNode c : json.get("categories")) assertThat(keys(c)).containsExactly("category", "status", "issue", "action");
        for (JsonNode f : json.get("findings")) {
            assertThat(keys(f)).containsExactly("rule", "category", "status", "statementIndex", "message", "action", "file", "line", "suppressed");
        }
    }

    @Test
    void enumsAreTheirNames() {
        assertThat(json.get("verdict").asText()).isEqualTo("BLOCK");
        assertThat(json.get("categories").get(0).get("category").asText()).isEqualTo("LOCK_CONTENTION");
        assertThat(json.get("categories").get(0).get("status").asText()).isEqualTo("PASS");
        assertThat(json.get("findings").get(1).get("status").asText()).isEqualTo("FLAG");
    }

    @Test
    void unmeasuredValuesAreNullNeverZeroOrAbsent() {
        JsonNode failed = json.get("statements").get(2);
        for (String k : List.of("blockedQueries", "maxBlockedMs", "p99Ms", "baselineP99Ms", "errors")) {
            assertThat(failed.get("impact").has(k)).as(k).isTrue();
            assertThat(failed.get("impact").get(k).isNull()).as(k).isTrue();
        }
        assertThat(failed.get("walBytes").isNull()).isTrue();
        assertThat(failed.get("rowsAffected").isNull()).isTrue();
        assertThat(failed.get("estimate").isNull()).isTrue();
        assertThat(failed.get("locks").get(0).get("heldMs").isNull()).isTrue();
        assertThat(json.get("statements").get(0).get("error").isNull()).isTrue();
        assertThat(json.get("statements").get(0).get("rowsAffected").asLong()).isZero(); // a measured 0 stays 0
        assertThat(json.get("replication").get("maxLagMs").isNull()).isTrue();
        JsonNode quiet = json.get("timeline").get("windows").get(2); // no query completed, no lock sample taken
        assertThat(quiet.get("p99Ms").isNull()).isTrue();
        assertThat(quiet.get("sessionsWaiting").isNull()).isTrue();
        assertThat(quiet.get("queries").asLong()).isZero();
    }

    @Test
    void isPrettyPrintedWithStableBytes() {
        String text = JsonReport.render(report);
        assertThat(text).startsWith("{\n  \"tool\": {\n").doesNotContain("\r").endsWith("}\n")
                .contains("\"rewrote\": [],").contains("\"verdictReason\": \"SET NOT NULL");
        assertThat(JsonReport.render(report)).isEqualTo(text);
    }

    @Test
    void roundTripsToAnEqualReport() throws Exception {
        assertThat(JsonReport.parse(JsonReport.render(report))).isEqualTo(report);
    }

    @Test
    void readsAFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("report.json"), JsonReport.render(report));
        assertThat(JsonReport.read(file)).isEqualTo(report);
    }

    @Test
    void categoriesKeepTheirOrderBothWays() throws Exception {
        assertThat(json.get("categories").findValuesAsText("category"))
                .containsExactlyElementsOf(Arrays.stream(Category.values()).map(Enum::name).toList());
        // the writer renders what the model holds and the reader keeps it: reversed stays reversed
        List<Report.CategoryResult> reversed = new ArrayList<>(report.categories());
        java.util.Collections.reverse(reversed);
        Report other = new Report(report.tool(), report.engine(), report.verdict(), report.verdictReason(), reversed,
                report.statements(), report.findings(), report.seed(), report.load(), report.replication(), report.run(),
                report.timeline());
        assertThat(JsonReport.parse(JsonReport.render(other)).categories()).containsExactlyElementsOf(reversed);
    }

    @Test
    void ignoresKeysFromANewerVersion() throws Exception {
        String text = JsonReport.render(report).replaceFirst("\\{", "{\n  \"futureField\": 1,");
        assertThat(JsonReport.parse(text)).isEqualTo(report);
    }

    private static JsonNode tree(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static List<String> components(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(java.lang.reflect.RecordComponent::getName).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
