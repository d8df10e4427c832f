package dev.rehearse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code replica.tune_batches: true} through {@link Main} on a real PostgreSQL 16 primary and hot standby: the
 * one-statement backfill is rehearsed again in batches of 1,000 and 10,000 rows against the live replica, behind a
 * 2 MB/s link so that a batch's WAL shows as lag on a fast machine, and the advice names the size that kept the lag
 * under {@code replication_lag_flag}, measured.
 */
class BatchTrialsEndToEndTest {

    @Test
    void aBackfillIsRehearsedInBatchesAndTheSizeThatKeptTheLagUnderTheThresholdIsAdvised(@TempDir Path dir) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__backfill.sql"), "UPDATE accounts SET balance = balance + 1;\n");
        Files.writeString(dir.resolve("schema.sql"),
                "CREATE TABLE accounts (id bigint PRIMARY KEY, balance int NOT NULL, note text NOT NULL);\n");
        Path scenario = dir.resolve("scenario.yaml");
        Files.writeString(scenario, """
                engine: postgres:16
                schema: schema.sql
                data:
                  tables:
                    accounts: { rows: 12k }
                load: { clients: 1, rate: 10, baseline_seconds: 0.5, cooldown_seconds: 0.2 }
                replica:
                  apply_rate: 2MB/s
                  tune_batches: true
                thresholds: { replication_lag_flag: 500ms }
                migrations: { path: migrations }
                """);
        Path out = dir.resolve("out");
        CliTest.Outcome r = CliTest.rehearse("run", scenario.toString(), "--out", out.toString(),
                "--report", "json", "--fail-on", "never");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.err()).contains("replica: tune_batches: statement 1 (V1__backfill.sql:1) in batches of 1,000",
                "in batches of 10,000");

        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        // the data is as the migration left it: every trial batch was rolled back
        assertThat(report.get("statements").get(0).get("rowsAffected").asLong()).isEqualTo(12_000);
        JsonNode batches = report.get("replication").get("batches");
        assertThat(batches).hasSize(1);
        JsonNode advice = batches.get(0);
        assertThat(advice.get("measured").asBoolean()).isTrue();
        assertThat(advice.get("statementIndex").asInt()).isEqualTo(1);
        JsonNode trials = advice.get("trials");
        assertThat(trials).hasSize(2);
        JsonNode small = trials.get(0), large = trials.get(1);
        assertThat(small.get("batchRows").asLong()).isEqualTo(1_000);
        assertThat(large.get("batchRows").asLong()).isEqualTo(10_000);
        assertThat(small.get("batches").asInt()).isEqualTo(3);
        assertThat(small.get("rowsChanged").asLong()).isEqualTo(3_000);
        // whole batches: from key 3,001 on only 9,000 rows are left, so each starts again from the first key
        assertThat(large.get("rowsChanged").asLong()).isEqualTo(30_000);
        // ten times the rows, ten times the WAL through a 2 MB/s link: the larger batch lags more, past 500 ms
        assertThat(large.get("maxLagMs").asLong()).isGreaterThan(small.get("maxLagMs").asLong());
        assertThat(large.get("underThreshold").asBoolean()).isFalse();
        assertThat(small.get("underThreshold").asBoolean()).isTrue();
        assertThat(advice.get("batchRows").asLong()).isEqualTo(1_000);
        assertThat(advice.get("pauseMs").asLong()).isGreaterThanOrEqualTo(small.get("catchUpMaxMs").asLong());
        assertThat(advice.get("maxLagMs").asLong()).isEqualTo(small.get("maxLagMs").asLong());
        boolean rewritten = false;
        for (JsonNode f : report.get("findings")) {
            String text = f.path("action").asText("");
            if (text.contains("Batch it: 1,000 rows per batch")) rewritten = true;
        }
        assertThat(rewritten).as(report.get("findings").toString()).isTrue();
    }
}
