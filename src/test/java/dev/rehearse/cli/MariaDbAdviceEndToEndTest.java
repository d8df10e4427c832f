package dev.rehearse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run --engine mariadb:10.11} from the command line, for what the report advises: the online schema-change
 * command sized by the rehearsed copy, a refused algorithm, the deploy's statement timeout, and a tool's transaction
 * that DDL commits through.
 */
class MariaDbAdviceEndToEndTest {

    private static JsonNode run(Path dir, String migration, String... extra) throws Exception {
        return runWith(dir, null, migration, extra);
    }

    /** With {@code scenario} (YAML, or null) as the run's scenario file, the flags over it. */
    private static JsonNode runWith(Path dir, String scenario, String migration, String... extra) throws Exception {
        Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE t (id bigint PRIMARY KEY, qty int NOT NULL, note varchar(40));\n");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__m.sql"), migration);
        Path out = dir.resolve("out");
        java.util.List<String> head = new java.util.ArrayList<>(java.util.List.of("run"));
        if (scenario != null) {
            Files.writeString(dir.resolve("scenario.yaml"), scenario);
            head.add(dir.resolve("scenario.yaml").toString());
        }
        String[] base = {"--engine", "mariadb:10.11", "--schema", dir.resolve("schema.sql").toString(),
                "--migrations", migrations.toString(), "--out", out.toString(), "--report", "json", "--fail-on", "never"};
        head.addAll(java.util.List.of(base));
        head.addAll(java.util.List.of(extra));
        String[] args = head.toArray(String[]::new);
        CliTest.Outcome r = CliTest.rehearse(args);
        assertThat(r.code()).as(r.err()).isZero();
        return new ObjectMapper().readTree(out.resolve("report.json").toFile());
    }

    private static JsonNode finding(JsonNode report, String rule) {
        for (JsonNode f : report.get("findings")) if (f.get("rule").asText().equals(rule)) return f;
        throw new AssertionError("no " + rule + " finding in " + report.get("findings"));
    }

    /** A type change copies the table with writes blocked: the finding's rewrite sizes gh-ost's chunk from the copy. */
    @Test
    void aCopyingChangeIsAdvisedToGhostWithAChunkSizeFromTheRehearsedCopy(@TempDir Path dir) throws Exception {
        JsonNode report = run(dir, "ALTER TABLE t MODIFY qty bigint NOT NULL;\n", "--rows", "t=200k", "--lock-timeout", "5s");
        JsonNode s = report.at("/statements/0");
        assertThat(s.get("rewrote").toString()).isEqualTo("[\"t\"]");
        String action = finding(report, "mysql-modify-column-copy").get("action").asText();
        assertThat(action).contains("ALGORITHM=INPLACE, LOCK=NONE", "gh-ost --table=t --alter=\"MODIFY qty bigint NOT NULL\"",
                "pt-online-schema-change", "--max-lag-millis=1000");
        Matcher chunk = Pattern.compile("--chunk-size=(\\d+)").matcher(action);
        assertThat(chunk.find()).isTrue();
        long rowsPerSecond = Math.round(200_000 * 1000.0 / (s.get("durationMs").asLong() - s.get("lockWaitMs").asLong(0)));
        long expected = Math.max(100, Math.min(100_000, rowsPerSecond / 2));
        // two significant digits of half a second's rows at the measured rate
        assertThat(Long.parseLong(chunk.group(1))).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(12));
        assertThat(action).contains("rows/s");
    }

    /** The metadata-lock queue behind a long reader, with no lock_wait_timeout: the advice bounds it in seconds. */
    @Test
    void theLockQueueIsAdvisedALockWaitTimeout(@TempDir Path dir) throws Exception {
        JsonNode report = run(dir, "ALTER TABLE t ADD COLUMN extra int;\n", "--rows", "t=10k", "--long-transaction", "2s");
        assertThat(report.at("/statements/0/impact/blockedQueries").asInt()).isPositive();
        String action = finding(report, "missing-lock-timeout").get("action").asText();
        assertThat(action).contains("application queries queued behind the ALTER's metadata lock request",
                "SET SESSION lock_wait_timeout = 1;", "ALTER TABLE t WAIT 1 ADD COLUMN extra int;");
    }

    @Test
    void aRefusedAlgorithmIsReportedAsTheClauseDoingItsJob(@TempDir Path dir) throws Exception {
        JsonNode report = run(dir, "ALTER TABLE t MODIFY qty bigint NOT NULL, ALGORITHM=INPLACE, LOCK=NONE;\n",
                "--rows", "t=20k", "--no-load");
        assertThat(report.at("/statements/0/error").asText()).contains("ALGORITHM=INPLACE is not supported");
        assertThat(report.at("/statements/0/rewrote")).isEmpty();
        JsonNode f = finding(report, "algorithm-refused");
        assertThat(f.get("status").asText()).isEqualTo("BLOCK");
        assertThat(f.get("action").asText()).contains("Keep the ALGORITHM/LOCK clause", "gh-ost");
    }

    @Test
    void theDeploysStatementTimeoutStopsAStatementAsMaxStatementTime(@TempDir Path dir) throws Exception {
        JsonNode report = runWith(dir, "migrations:\n  statement_timeout: 100ms\n", "UPDATE t SET qty = qty + 1;\n",
                "--rows", "t=300k", "--no-load");
        assertThat(report.at("/statements/0/error").asText()).contains("max_statement_time");
        assertThat(finding(report, "statement-timeout").get("status").asText()).isEqualTo("BLOCK");
    }

    /** {@code transaction: always}: the file's transaction does not hold the DDL; the report says so. */
    @Test
    void aToolTransactionAroundDdlIsReportedAsNotProtectingIt(@TempDir Path dir) throws Exception {
        JsonNode report = runWith(dir, "migrations:\n  transaction: always\n", """
                INSERT INTO t (id, qty) VALUES (0, 0);
                ALTER TABLE t ADD COLUMN extra int;
                ALTER TABLE t ADD COLUMN qty int;
                """, "--rows", "t=1k", "--no-load");
        JsonNode s = report.get("statements");
        assertThat(s.get(0).get("inTransaction").asBoolean()).isTrue();
        assertThat(s.get(1).get("inTransaction").asBoolean()).isFalse();
        assertThat(s.get(2).get("error").asText()).contains("Duplicate column name");
        String message = finding(report, "partial-migration").get("message").asText();
        assertThat(message).contains("its tool's transaction does not protect them", "mariadb commits implicitly", "line 2, 3");
    }
}
