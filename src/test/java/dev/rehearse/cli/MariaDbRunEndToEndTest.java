package dev.rehearse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run --engine mariadb:10.11} from the command line: embedded server, seed, workload, probes, report. */
class MariaDbRunEndToEndTest {

    /** Both lines under {@code -Pslow}; verify rehearses the newer. */
    static java.util.List<String> versions() {
        return dev.rehearse.TestMatrix.versions(java.util.List.of("10.11", "11.4"), java.util.List.of("11.4"));
    }


    @Test
    void aRehearsalOnMariaDbReportsWhatEachStatementDid(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("schema.sql"),
                "CREATE TABLE t (id bigint PRIMARY KEY, name varchar(40) NOT NULL, qty int);\n");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__change_t.sql"), """
                ALTER TABLE t ADD COLUMN note varchar(20);
                ALTER TABLE t MODIFY qty bigint;
                CREATE INDEX t_name ON t (name);
                """);
        Path out = dir.resolve("out");
        CliTest.Outcome run = CliTest.rehearse("run", "--engine", "mariadb:10.11", "--schema", dir.resolve("schema.sql").toString(),
                "--migrations", migrations.toString(), "--rows", "t=200k", "--lock-timeout", "5s",
                "--out", out.toString(), "--report", "console,json", "--fail-on", "never");
        assertThat(run.code()).as(run.err()).isZero();

        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.at("/seed/tables/0/rows").asLong()).isEqualTo(200_000);
        assertThat(report.at("/load/queries").asLong()).isPositive();
        assertThat(report.at("/load/errors").asLong()).isZero();
        JsonNode statements = report.get("statements");
        assertThat(statements).hasSize(3);
        // Every MariaDB DDL commits on its own.
        statements.forEach(s -> assertThat(s.get("inTransaction").asBoolean()).isFalse());
        // INSTANT add column and an in-place index keep the table; the type change copies it (a new TABLE_ID).
        assertThat(statements.get(0).get("rewrote")).isEmpty();
        assertThat(statements.get(1).get("rewrote").toString()).isEqualTo("[\"t\"]");
        assertThat(statements.get(2).get("rewrote")).isEmpty();
        // The COPY held t's metadata lock against writes, and the workload's writes queued behind it.
        assertThat(statements.get(1).get("locks").toString())
                .contains("{\"relation\":\"t\",\"mode\":\"SHARED_NO_WRITE\",\"blocks\":\"writes\"");
        assertThat(statements.get(1).at("/impact/blockedQueries").asInt()).isPositive();
        assertThat(report.get("findings").toString()).contains("mysql-modify-column-copy");
        // The algorithm each ran, from the server's stages and the table's identity; COPY says how many rows it copied.
        assertAlter(statements.get(0), "INSTANT", false, true);
        assertAlter(statements.get(1), "COPY", true, false);
        assertAlter(statements.get(2), "INPLACE", false, true);
        assertThat(statements.get(0).get("rowsAffected").isNull()).isTrue();
        assertThat(statements.get(1).get("rowsAffected").asLong()).isEqualTo(200_000);
        assertThat(statements.get(2).get("rowsAffected").isNull()).isTrue();
        statements.forEach(s -> assertThat(s.get("walBytes").asLong()).isPositive()); // the binary log's bytes
        // the console's effects column (wrapped at its width)
        assertThat(run.out()).contains("ALTER INSTANT", "ALTER COPY (rebuild,", "writes blocked)", "ALTER INPLACE (online)");
    }

    private static void assertAlter(JsonNode statement, String algorithm, boolean rebuild, boolean concurrentDml) {
        assertThat(statement.get("algorithm").asText()).as(statement.toString()).isEqualTo(algorithm);
        assertThat(statement.get("rebuild").asBoolean()).as(statement.toString()).isEqualTo(rebuild);
        assertThat(statement.get("concurrentDml").asBoolean()).as(statement.toString()).isEqualTo(concurrentDml);
    }

    /**
     * A backfill in one UPDATE holds each row's lock until it commits: the workload's updates of those rows wait on
     * InnoDB row locks, counted as the backfill's blocked queries; it writes a row image per row to the binary log,
     * where the INSTANT column it fills wrote one query event.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "mariadb:{0}")
    @org.junit.jupiter.params.provider.MethodSource("versions")
    void aBackfillBlocksTheWorkloadsWritesOnItsRowLocks(String version, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE t (id bigint PRIMARY KEY, qty int);\n");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__backfill.sql"), """
                ALTER TABLE t ADD COLUMN total bigint;
                UPDATE t SET total = qty * 2;
                """);
        Path out = dir.resolve("out");
        CliTest.Outcome run = CliTest.rehearse("run", "--engine", "mariadb:" + version, "--schema", dir.resolve("schema.sql").toString(),
                "--migrations", migrations.toString(), "--rows", "t=100k", "--lock-timeout", "10s",
                "--out", out.toString(), "--report", "json", "--fail-on", "never");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode statements = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("statements");
        JsonNode add = statements.get(0), backfill = statements.get(1);
        assertAlter(add, "INSTANT", false, true);
        assertThat(backfill.get("algorithm").isNull()).isTrue();
        assertThat(backfill.get("rebuild").isNull()).isTrue();
        assertThat(backfill.get("rowsAffected").asLong()).isEqualTo(100_000);
        assertThat(backfill.at("/impact/blockedQueries").asInt()).as(backfill.toString()).isPositive();
        assertThat(backfill.at("/impact/maxBlockedMs").asLong()).isPositive();
        // no metadata lock of the UPDATE blocks writes: the waits were on its rows
        assertThat(backfill.get("locks").toString()).doesNotContain("\"blocks\":\"writes\"");
        assertThat(backfill.get("walBytes").asLong()).isGreaterThan(100_000L * 10).isGreaterThan(add.get("walBytes").asLong() * 100);
    }

    /** DDL commits implicitly: a file failing at its second statement leaves the first applied, and says so. */
    @Test
    void aFileFailingHalfwayIsReportedAsPartiallyApplied(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE t (id bigint PRIMARY KEY, qty int);\n");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__half.sql"), """
                ALTER TABLE t ADD COLUMN note varchar(20);
                ALTER TABLE t ADD COLUMN qty int;
                CREATE INDEX t_note ON t (note);
                """);
        Path out = dir.resolve("out");
        CliTest.Outcome run = CliTest.rehearse("run", "--engine", "mariadb:10.11", "--schema", dir.resolve("schema.sql").toString(),
                "--migrations", migrations.toString(), "--rows", "t=1k", "--no-load", "--out", out.toString(), "--report", "json");
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.get("statements")).hasSize(2);
        assertThat(report.at("/statements/0/error").isNull()).isTrue();
        assertThat(report.at("/statements/1/error").asText()).contains("Duplicate column name 'qty'");
        assertThat(report.get("findings").toString()).contains("partial-migration");
    }

    /**
     * The metadata-lock queue: a reader's open transaction holds SHARED_READ, the INSTANT ALTER waits for EXCLUSIVE,
     * and every later query queues behind the ALTER's pending request.
     */
    @Test
    void queriesQueueBehindAnAlterWaitingForALongTransaction(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE t (id bigint PRIMARY KEY, qty int);\n");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__add.sql"), "ALTER TABLE t ADD COLUMN note varchar(20);\n");
        Path out = dir.resolve("out");
        CliTest.Outcome run = CliTest.rehearse("run", "--engine", "mariadb:10.11", "--schema", dir.resolve("schema.sql").toString(),
                "--migrations", migrations.toString(), "--rows", "t=10k", "--long-transaction", "2s", "--lock-timeout", "10s",
                "--out", out.toString(), "--report", "json", "--fail-on", "never");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(out.resolve("report.json").toFile()).at("/statements/0");
        assertThat(s.get("rewrote")).isEmpty();
        assertThat(s.get("lockWaitMs").asLong()).isGreaterThan(1_500);
        assertThat(s.get("queuedBehind").asText()).contains("rehearse-long-transaction");
        assertThat(s.get("locks").toString()).contains("\"mode\":\"EXCLUSIVE\",\"blocks\":\"reads_writes\"");
        assertThat(s.at("/impact/blockedQueries").asInt()).isGreaterThan(10);
        assertThat(s.at("/impact/maxBlockedMs").asLong()).isGreaterThan(1_000);
    }
}
