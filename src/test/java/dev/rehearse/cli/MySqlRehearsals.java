package dev.rehearse.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MySQL-family rehearsal every provider's test runs: a seeded table, an INSTANT add column, an in-place index
 * and a COPY column-type change under the default workload, and what the report must say of each.
 */
final class MySqlRehearsals {

    private MySqlRehearsals() {}

    /** Runs the rehearsal with the engine and provider flags given; returns the report's folder. */
    static Path instantAndCopy(Path dir, String... engineFlags) throws Exception {
        Files.writeString(dir.resolve("schema.sql"),
                "CREATE TABLE t (id bigint PRIMARY KEY, name varchar(40) NOT NULL, qty int);\n");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__change_t.sql"), """
                ALTER TABLE t ADD COLUMN note varchar(20);
                ALTER TABLE t MODIFY qty bigint;
                CREATE INDEX t_name ON t (name);
                """);
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of("run", "--schema", dir.resolve("schema.sql").toString(),
                "--migrations", migrations.toString(), "--rows", "t=200k", "--lock-timeout", "5s",
                "--out", out.toString(), "--report", "json", "--fail-on", "never"));
        args.addAll(List.of(engineFlags));
        CliTest.Outcome run = CliTest.rehearse(args.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isZero();
        return out;
    }

    static void assertInstantAndCopy(JsonNode report) {
        assertThat(report.at("/seed/tables/0/rows").asLong()).isEqualTo(200_000);
        assertThat(report.at("/load/queries").asLong()).isPositive();
        assertThat(report.at("/load/errors").asLong()).isZero();
        JsonNode statements = report.get("statements");
        assertThat(statements).hasSize(3);
        statements.forEach(s -> assertThat(s.get("inTransaction").asBoolean()).isFalse());
        // INSTANT add column and an in-place index keep InnoDB's table; the type change copies it (a new TABLE_ID).
        assertThat(statements.get(0).get("rewrote")).isEmpty();
        assertThat(statements.get(1).get("rewrote").toString()).isEqualTo("[\"t\"]");
        assertThat(statements.get(2).get("rewrote")).isEmpty();
        // The COPY held t's metadata lock against writes, and the workload's writes queued behind it.
        assertThat(statements.get(1).get("locks").toString())
                .contains("{\"relation\":\"t\",\"mode\":\"SHARED_NO_WRITE\",\"blocks\":\"writes\"");
        assertThat(statements.get(1).at("/impact/blockedQueries").asInt()).isPositive();
        assertThat(report.get("findings").toString()).contains("mysql-modify-column-copy");
    }

    /**
     * What the server measured of {@link #instantAndCopy}'s statements: the algorithm each ran (stage events and
     * table identity), the rows the COPY copied, and the binary-log bytes each wrote.
     */
    static void assertMeasuredAlgorithms(JsonNode report) {
        JsonNode statements = report.get("statements");
        assertAlter(statements.get(0), "INSTANT", false, true);
        assertAlter(statements.get(1), "COPY", true, false);
        assertAlter(statements.get(2), "INPLACE", false, true);
        assertThat(statements.get(0).get("rowsAffected").isNull()).isTrue();
        assertThat(statements.get(1).get("rowsAffected").asLong()).isEqualTo(200_000);
        assertThat(statements.get(2).get("rowsAffected").isNull()).isTrue();
        statements.forEach(s -> assertThat(s.get("walBytes").asLong()).as(s.toString()).isPositive());
    }

    static void assertAlter(JsonNode statement, String algorithm, boolean rebuild, boolean concurrentDml) {
        assertThat(statement.get("algorithm").asText()).as(statement.toString()).isEqualTo(algorithm);
        assertThat(statement.get("rebuild").asBoolean()).as(statement.toString()).isEqualTo(rebuild);
        assertThat(statement.get("concurrentDml").asBoolean()).as(statement.toString()).isEqualTo(concurrentDml);
    }

    /**
     * A backfill in one UPDATE holding each row's lock until it commits while the workload updates those rows;
     * returns the report's folder.
     */
    static Path backfill(Path dir, String... engineFlags) throws Exception {
        Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE t (id bigint PRIMARY KEY, qty int);\n");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__backfill.sql"), """
                ALTER TABLE t ADD COLUMN total bigint;
                UPDATE t SET total = qty * 2;
                """);
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of("run", "--schema", dir.resolve("schema.sql").toString(),
                "--migrations", migrations.toString(), "--rows", "t=100k", "--lock-timeout", "10s",
                "--out", out.toString(), "--report", "json", "--fail-on", "never"));
        args.addAll(List.of(engineFlags));
        CliTest.Outcome run = CliTest.rehearse(args.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isZero();
        return out;
    }

    /**
     * The workload's updates waited on the backfill's InnoDB row locks (relation-less waits naming it, counted as its
     * blocked queries), not on a metadata lock; it wrote a row image per row to the binary log, where the INSTANT
     * column it fills wrote one query event.
     */
    static void assertBackfillRowLockWaits(JsonNode report) {
        JsonNode statements = report.get("statements");
        JsonNode add = statements.get(0), backfill = statements.get(1);
        assertAlter(add, "INSTANT", false, true);
        assertThat(backfill.get("algorithm").isNull()).isTrue();
        assertThat(backfill.get("rowsAffected").asLong()).isEqualTo(100_000);
        assertThat(backfill.at("/impact/blockedQueries").asInt()).as(backfill.toString()).isPositive();
        assertThat(backfill.at("/impact/maxBlockedMs").asLong()).isPositive();
        assertThat(backfill.get("locks").toString()).doesNotContain("\"blocks\":\"writes\"");
        assertThat(backfill.get("walBytes").asLong()).isGreaterThan(100_000L * 10)
                .isGreaterThan(add.get("walBytes").asLong() * 100);
    }
}
