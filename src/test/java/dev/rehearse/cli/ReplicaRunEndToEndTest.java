package dev.rehearse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.provision.RunDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rehearse run --replica} through {@link Main}: a primary and a hot standby started by the run, the migrations'
 * lag in report.json, and nothing of either left after success, failure or SIGINT.
 */
class ReplicaRunEndToEndTest {

    private static Path scenario(Path dir, String migration, String extra) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__backfill.sql"), migration);
        Files.writeString(dir.resolve("schema.sql"),
                "CREATE TABLE accounts (id bigint PRIMARY KEY, balance int NOT NULL, note text NOT NULL);\n");
        Path scenario = dir.resolve("scenario.yaml");
        Files.writeString(scenario, """
                engine: postgres:16
                schema: schema.sql
                data:
                  tables:
                    accounts: { rows: 60k, production_rows: 10M }
                load: { clients: 2, rate: 40, baseline_seconds: 1, cooldown_seconds: 0.5, replica_share: 0.5 }
                replica:
                  enabled: false
                  apply_rate: 4MB/s
                  max_standby_streaming_delay: 1s
                migrations: { path: migrations }
                """ + extra);
        return scenario;
    }

    /** Run directories whose owner file names {@code pid} (other runs may share the root). */
    private static List<Path> runDirsOf(long pid) throws Exception {
        if (!Files.isDirectory(RunDirectories.root())) return List.of();
        try (Stream<Path> s = Files.list(RunDirectories.root())) {
            return s.filter(d -> {
                try {
                    return Files.readString(d.resolve("owner")).startsWith(pid + " ");
                } catch (Exception e) {
                    return false;
                }
            }).toList();
        }
    }

    private static List<ProcessHandle> postgresUnder(List<Path> dirs) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(cmd ->
                cmd.contains("postgres") && dirs.stream().anyMatch(d -> cmd.contains(d.toString()))).orElse(false)).toList();
    }

    @Test
    void theReplicaFlagMeasuresTheBackfillsLagIntoReportJson(@TempDir Path dir) throws Exception {
        Path scenario = scenario(dir, """
                UPDATE accounts SET balance = balance + 1;
                ALTER TABLE accounts ADD COLUMN flag text;
                """, "");
        Path out = dir.resolve("out");
        CliTest.Outcome r = CliTest.rehearse("run", scenario.toString(), "--replica", "--out", out.toString(),
                "--report", "console,json", "--fail-on", "never");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.err()).contains("replica: streaming at jdbc:postgresql://127.0.0.1:",
                "WAL stream throttled to 4.0 MB/s", "max_standby_streaming_delay 1.0 s");
        assertThat(r.out()).contains("Replica: max lag ");

        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        JsonNode rep = report.get("replication");
        assertThat(rep.get("measured").asBoolean()).isTrue();
        assertThat(rep.get("samples").asLong()).isPositive();
        assertThat(rep.get("model").get("applyRateBytesPerSecond").asLong()).isEqualTo(4_000_000L);
        assertThat(rep.get("model").get("maxStandbyStreamingDelayMs").asInt()).isEqualTo(1_000);
        assertThat(rep.get("model").get("replicaShare").asDouble()).isEqualTo(0.5);
        assertThat(rep.get("replicaQueries").asLong()).isPositive();
        assertThat(rep.get("cancelledQueries").isNull()).isFalse();
        JsonNode backfill = report.get("statements").get(0), alter = report.get("statements").get(1);
        // tens of MB of WAL at 4 MB/s: the replica shows the backfill seconds after the primary committed it
        assertThat(backfill.get("walBytes").asLong()).isGreaterThan(5_000_000L);
        assertThat(backfill.get("replicationLagMaxMs").asLong()).isGreaterThan(500);
        // in the backfill's transaction, the catalog change shows on the replica only with it: measured, not apart
        assertThat(alter.get("replicationLagMaxMs").isNull()).isFalse();
        assertThat(rep.get("maxLagMs").asLong()).isGreaterThanOrEqualTo(backfill.get("replicationLagMaxMs").asLong());
        assertThat(rep.get("maxLagBytes").asLong()).isPositive();
        assertThat(rep.get("migrations").get(0).get("migration").asText()).isEqualTo("V1__backfill.sql");
        // at 10M rows the backfill's WAL takes minutes to apply at 4 MB/s: past the 60 s production threshold
        JsonNode lagRow = null;
        for (JsonNode c : report.get("categories")) if (c.get("category").asText().equals("REPLICATION_LAG")) lagRow = c;
        assertThat(lagRow.get("status").asText()).isEqualTo("BLOCK");
        assertThat(rep.get("projectedLagMs").asLong()).isGreaterThan(60_000);
        assertThat(runDirsOf(ProcessHandle.current().pid())).as("primary and replica removed").isEmpty();
    }

    @Test
    void aProviderWithoutReplicasExitsThreeBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        Path scenario = scenario(dir, "ALTER TABLE accounts ADD COLUMN flag text;\n", "");
        // MySQL has no embedded server, so no embedded replica: said before the provisioner is asked
        CliTest.Outcome r = CliTest.rehearse("run", scenario.toString(), "--replica", "--engine", "mysql:8.0",
                "--provider", "embedded", "--out", dir.resolve("out").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).contains("--replica: mysql replicas under the embedded provider are not available in this build")
                .doesNotContain("provision: embedded");
        assertThat(runDirsOf(ProcessHandle.current().pid())).isEmpty();
    }

    @Test
    void withoutAReplicaTheProjectionIsFlaggedToVerify(@TempDir Path dir) throws Exception {
        Path scenario = scenario(dir, "UPDATE accounts SET balance = balance + 1;\n", "");
        Path out = dir.resolve("out");
        CliTest.Outcome r = CliTest.rehearse("run", scenario.toString(), "--no-load", "--out", out.toString(),
                "--report", "json", "--fail-on", "never");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        JsonNode rep = report.get("replication");
        assertThat(rep.get("measured").asBoolean()).isFalse();
        assertThat(rep.get("maxLagMs").isNull()).isTrue();
        assertThat(report.get("statements").get(0).get("replicationLagMaxMs").isNull()).isTrue();
        assertThat(rep.get("projectedLagMs").asLong()).isGreaterThan(60_000);
        boolean verify = false;
        for (JsonNode f : report.get("findings")) {
            if (f.get("rule").asText().equals("replication-lag")) {
                assertThat(f.get("status").asText()).isEqualTo("FLAG");
                assertThat(f.get("message").asText()).startsWith("Verify: no replica rehearsed");
                verify = true;
            }
        }
        assertThat(verify).isTrue();
    }

    @Test
    void aRunThatFailsAfterTheReplicaStartedRemovesBoth(@TempDir Path dir) throws Exception {
        Path scenario = scenario(dir, "ALTER TABLE accounts ADD COLUMN flag text;\n", """
                """);
        Path workload = Files.writeString(dir.resolve("workload.yaml"), """
                queries:
                  - name: broken
                    sql: SELECT nope FROM accounts WHERE id = :id
                    params: { id: accounts.missing_column }
                """);
        CliTest.Outcome r = CliTest.rehearse("run", scenario.toString(), "--replica", "--workload", workload.toString(),
                "--out", dir.resolve("out").toString());
        assertThat(r.code()).as(r.out() + r.err()).isIn(2, 3);
        assertThat(r.err()).contains("replica: streaming");
        assertThat(runDirsOf(ProcessHandle.current().pid())).isEmpty();
    }

    @Test
    void sigintStopsThePrimaryAndTheReplica(@TempDir Path dir) throws Exception {
        Path scenario = scenario(dir, "ALTER TABLE accounts ADD COLUMN flag text;\n", "");
        Files.writeString(scenario, Files.readString(scenario).replace("baseline_seconds: 1", "baseline_seconds: 120"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.rehearse.cli.Main", "run", scenario.toString(),
                "--replica", "--out", dir.resolve("out").toString()).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream()));
        String line;
        while ((line = reader.readLine()) != null) {
            lines.add(line);
            if (line.contains("load:") && line.contains("baseline")) break;
        }
        List<Path> mine = runDirsOf(p.pid());
        assertThat(mine).as(String.join("\n", lines)).hasSize(2);
        assertThat(postgresUnder(mine)).hasSizeGreaterThanOrEqualTo(2);
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(postgresUnder(mine)).isEmpty();
        for (Path d : mine) assertThat(d).doesNotExist();
    }
}
