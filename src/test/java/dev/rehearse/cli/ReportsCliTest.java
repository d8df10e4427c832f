package dev.rehearse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.report.MarkdownReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static dev.rehearse.cli.CliTest.rehearse;
import static org.assertj.core.api.Assertions.assertThat;

/** The runbook, the PR comment and what reproduces a run, through the CLI on a real embedded PostgreSQL. */
class ReportsCliTest {

    static final Path SCENARIO = Path.of("src/test/resources/runbook/scenario.yaml");

    @Test
    void runWritesTheRunbookAndEveryReportSaysHowToReproduceIt(@TempDir Path out) throws Exception {
        CliTest.Outcome o = rehearse("run", SCENARIO.toString(), "--report", "console,json,md,sarif,runbook",
                "--out", out.toString(), "--provider", "embedded", "--password", "hunter2");
        assertThat(o.code()).as(o.err()).isZero(); // fail_on: never

        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(SCENARIO)));
        JsonNode run = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("run");
        assertThat(run.get("command").asText()).startsWith("rehearse run " + SCENARIO + " --report")
                .contains("--password ***").doesNotContain("hunter2");
        assertThat(run.get("scenarioSha256").asText()).isEqualTo(sha);
        assertThat(run.get("machine").get("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(run.get("machine").get("memoryBytes").asLong()).isPositive();
        assertThat(run.get("alerts").get("lockWaitMs").asLong()).isEqualTo(30_000);

        String runbook = Files.readString(out.resolve("runbook.md"));
        assertThat(runbook).startsWith("# Deploy runbook: V1__orders_add_note.sql, V2__orders_status_required.sql,")
                .contains("## Expected duration", "(300,000,000 rows of orders)", "## Lock windows to expect",
                        "AccessExclusiveLock on orders blocks reads and writes", "## Monitoring", "longer than 30.0 s",
                        "## If it goes sideways", "pg_cancel_backend", "## Rollback", "V1__orders_add_note.down.sql",
                        "DROP INDEX CONCURRENTLY orders_created_at_idx;", "scenario sha256 " + sha)
                .doesNotContain("hunter2");
        String md = Files.readString(out.resolve("report.md"));
        assertThat(md).startsWith(MarkdownReport.MARKER + "\n").contains("Reproduce: rehearse run", sha);
        dev.rehearse.report.SarifSchema.validate(Files.readString(out.resolve("report.sarif")));
        JsonNode sarif = new ObjectMapper().readTree(out.resolve("report.sarif").toFile()).get("runs").get(0);
        assertThat(sarif.get("invocations").get(0).get("commandLine").asText()).isEqualTo(run.get("command").asText());
        assertThat(sarif.get("properties").get("scenarioSha256").asText()).isEqualTo(sha);
        assertThat(o.out()).contains("Reproduce: rehearse run");
    }

    @Test
    void lintHashesItsFlagsAndTheRunbookIsRunOnly(@TempDir Path out) throws Exception {
        CliTest.Outcome o = rehearse("lint", "src/test/resources/runbook/migrations", "--report", "console,json",
                "--out", out.toString(), "--fail-on", "never");
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode run = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("run");
        String command = "rehearse lint src/test/resources/runbook/migrations --report console,json --out " + out
                + " --fail-on never";
        assertThat(run.get("command").asText()).isEqualTo(command);
        assertThat(run.get("scenarioSha256").asText()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(command.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertThat(o.out()).contains("Reproduce: " + command);

        CliTest.Outcome runbook = rehearse("lint", "src/test/resources/runbook/migrations", "--report", "runbook");
        assertThat(runbook.code()).isEqualTo(Main.INVALID_INPUT);
        assertThat(runbook.err()).contains("--report: 'runbook'; lint writes");
    }
}
