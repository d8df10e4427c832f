package dev.rehearse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.rehearse.cli.CliTest.rehearse;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code run --compare}: a nightly run beside the previous night's, on a real embedded PostgreSQL. */
class CompareCliTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aLockHeldLongerBeyondTheNoiseIsARegressionAndWhatDidNotGrowIsNot(@TempDir Path dir) throws Exception {
        Path schema = Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY, code text);\n");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Path migration = migrations.resolve("V1__code_index.sql");
        Files.writeString(migration, """
                BEGIN;
                CREATE INDEX accounts_code ON accounts (code);
                COMMIT;
                """);
        String[] base = {"run", "--schema", schema.toString(), "--migrations", migrations.toString(), "--no-load",
                "--rows", "accounts=2000", "--report", "console,json", "--fail-on", "never"};

        Path first = dir.resolve("night-1");
        CliTest.Outcome one = rehearse(concat(base, "--out", first.toString()));
        assertThat(one.code()).as(one.err()).isZero();
        assertThat(JSON.readTree(first.resolve("report.json").toFile()).get("comparison").isNull()).isTrue();

        // the next night the migration does more work in the same transaction: the index build's lock (SHARE, which
        // blocks writes) is held until COMMIT, through a 0.6 s sleep, as the server's pg_locks shows
        Files.writeString(migration, """
                BEGIN;
                CREATE INDEX accounts_code ON accounts (code);
                SELECT pg_sleep(0.6);
                COMMIT;
                """);
        Path third = dir.resolve("night-3");
        CliTest.Outcome three = rehearse(concat(base, "--out", third.toString(),
                "--compare", first.resolve("report.json").toString(), "--fail-on-regression"));
        assertThat(three.code()).as(three.err()).isEqualTo(1);
        JsonNode grew = JSON.readTree(third.resolve("report.json").toFile()).get("comparison");
        assertThat(grew.get("matched").asInt()).isEqualTo(3);
        assertThat(grew.get("unmatched").asInt()).isEqualTo(1); // the pg_sleep is new, not a regression
        assertThat(grew.get("noise").get("relative").asDouble()).isEqualTo(0.5);
        // BEGIN, COMMIT and the index build's own duration did not grow beyond the noise: only the lock hold regressed
        assertThat(grew.get("regressions")).as(grew.toPrettyString()).hasSize(1);
        JsonNode hold = grew.get("regressions").get(0);
        assertThat(hold.get("field").asText()).isEqualTo("lockHoldMs");
        assertThat(hold.get("statementIndex").asInt()).isEqualTo(2);
        assertThat(hold.get("current").asLong()).isGreaterThanOrEqualTo(600); // held through the 0.6 s sleep
        long floor = grew.get("noise").get("floorMs").asLong();
        assertThat(hold.get("current").asLong() - hold.get("previous").asLong())
                .isGreaterThan(Math.max(floor, hold.get("previous").asLong() / 2));
        assertThat(three.out()).contains("REGRESSION #2 CREATE INDEX accounts_code ON accounts (code): lockHoldMs");

        // a previous report that is not there is invalid input, before any server starts
        CliTest.Outcome missing = rehearse(concat(base, "--out", dir.resolve("x").toString(),
                "--compare", dir.resolve("nowhere/report.json").toString()));
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nowhere/report.json: no such report.json").doesNotContain("provision:");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
