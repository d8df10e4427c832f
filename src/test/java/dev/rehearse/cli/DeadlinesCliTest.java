package dev.rehearse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.rehearse.cli.CliTest.rehearse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tool's own deadlines, distinct from the deploy's timeouts: a statement that would run forever is cancelled,
 * reported as statement-deadline, and the report is still written.
 */
class DeadlinesCliTest {

    private static Path migrations(Path dir) throws Exception {
        Path m = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(m.resolve("001_sleep.sql"), "SELECT pg_sleep(600);\n");
        Files.writeString(m.resolve("002_add.sql"), "ALTER TABLE accounts ADD COLUMN note text;\n");
        return m;
    }

    private static Path schema(Path dir) throws Exception {
        return Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY, code text);\n");
    }

    private static JsonNode finding(JsonNode report, String rule) {
        for (JsonNode f : report.get("findings")) if (f.get("rule").asText().equals(rule)) return f;
        throw new AssertionError("no " + rule + " finding in " + report.get("findings"));
    }

    @Test
    void aStatementPastTheStatementDeadlineIsCancelledAndReported(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        long t0 = System.nanoTime();
        CliTest.Outcome r = rehearse("run", "--schema", schema(dir).toString(), "--migrations", migrations(dir).toString(),
                "--rows", "accounts=1000", "--no-load", "--statement-deadline", "2s", "--report", "json",
                "--out", out.toString());
        System.out.printf("statement deadline 2 s on pg_sleep(600): the run took %.1f s%n", (System.nanoTime() - t0) / 1e9);

        assertThat(r.code()).as(r.err()).isEqualTo(Main.VERDICT);
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.get("statements")).hasSize(1); // the deploy stops at the cancelled statement
        assertThat(report.get("statements").get(0).get("error").asText())
                .startsWith("cancelled by rehearse: the statement ran past the statement deadline of 2 s");
        JsonNode f = finding(report, "statement-deadline");
        assertThat(f.get("status").asText()).isEqualTo("BLOCK");
        assertThat(f.get("statementIndex").asInt()).isEqualTo(1);
        assertThat(report.get("statements").get(0).get("durationMs").asLong()).isBetween(1_900L, 30_000L);
    }

    @Test
    void mariaDbsStatementIsCancelledAtTheDeadlineToo(@TempDir Path dir) throws Exception {
        Path m = Files.createDirectories(dir.resolve("m"));
        Files.writeString(m.resolve("001_sleep.sql"), "SELECT SLEEP(600);\n");
        Path out = dir.resolve("out");
        CliTest.Outcome r = rehearse("run", "--engine", "mariadb:10.11", "--schema", schema(dir).toString(),
                "--migrations", m.toString(), "--rows", "accounts=1000", "--no-load", "--statement-deadline", "2s",
                "--report", "json", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(Main.VERDICT);
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(finding(report, "statement-deadline").get("status").asText()).isEqualTo("BLOCK");
        assertThat(report.get("statements").get(0).get("durationMs").asLong()).isBetween(1_900L, 30_000L);
    }

    @Test
    void theRunDeadlineFromTheScenarioCancelsWhatIsStillRunning(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("s.yaml"), """
                schema: schema.sql
                data: { tables: { accounts: 1000 } }
                load: { enabled: false }
                migrations: { path: migrations, statement_timeout: 20min }   # the deploy's own: not what stops it
                deadlines: { run: 12s }
                report: { formats: [json], out: %s }
                """.formatted(dir.resolve("out")));
        schema(dir);
        migrations(dir);
        CliTest.Outcome r = rehearse("run", scenario.toString());

        assertThat(r.code()).as(r.err()).isEqualTo(Main.VERDICT);
        assertThat(dir.resolve("out/report.json")).as(r.err()).exists();
        JsonNode report = new ObjectMapper().readTree(dir.resolve("out/report.json").toFile());
        assertThat(finding(report, "statement-deadline").get("message").asText())
                .contains("the rehearsal reached its deadline");
    }

    @Test
    void aBadDeadlineIsOneLineOfInvalidInput(@TempDir Path dir) throws Exception {
        CliTest.Outcome r = rehearse("run", "--migrations", migrations(dir).toString(), "--deadline", "soon");
        assertThat(r.code()).isEqualTo(Main.INVALID_INPUT);
        assertThat(r.err().strip()).startsWith("rehearse: --deadline: invalid duration 'soon'").doesNotContain("\n");
    }

    @Test
    void clientsQueuedBehindALockTheMigrationHoldsStopWithinASecondOfTheEnd(@TempDir Path dir) throws Exception {
        Path m = Files.createDirectories(dir.resolve("m"));
        // the ALTER queues behind the held reader, gives up at its lock timeout; the clients queued behind it are freed
        Files.writeString(m.resolve("001_add.sql"), "ALTER TABLE accounts ADD COLUMN note text;\n");
        Path out = dir.resolve("out");
        long t0 = System.nanoTime();
        CliTest.Outcome r = rehearse("run", "--schema", schema(dir).toString(), "--migrations", m.toString(),
                "--rows", "accounts=1000", "--long-transaction", "20s", "--lock-timeout", "2s", "--report", "json",
                "--out", out.toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        System.out.printf("--lock-timeout 2s behind a 20 s reader: the run took %.1f s (report wall %.1f s)%n", seconds,
                report.get("run").get("wallSeconds").asDouble());
        assertThat(r.code()).as(r.err()).isEqualTo(Main.VERDICT);
        assertThat(finding(report, "lock-timeout").get("status").asText()).isEqualTo("BLOCK");
    }
}
