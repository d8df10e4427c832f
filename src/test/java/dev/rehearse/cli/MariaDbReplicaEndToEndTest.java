package dev.rehearse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run --replica} on embedded MariaDB: a binlog replica of the seeded primary, its lag sampled per statement. A
 * one-statement UPDATE of every row puts it behind; an INSTANT ADD COLUMN next to not at all.
 */
class MariaDbReplicaEndToEndTest {

    private static Path migrations(Path dir) throws Exception {
        Files.writeString(dir.resolve("schema.sql"),
                "CREATE TABLE t (id bigint PRIMARY KEY, name varchar(40) NOT NULL, qty int);\n");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__backfill.sql"), "UPDATE t SET qty = COALESCE(qty, 0) + 1;\n");
        Files.writeString(migrations.resolve("V2__add.sql"), "ALTER TABLE t ADD COLUMN note varchar(20), ALGORITHM=INSTANT;\n");
        return migrations;
    }

    @Test
    void aReplicaShowsTheLagOfABackfillAndNoneForAnInstantAddColumn(@TempDir Path dir) throws Exception {
        Path migrations = migrations(dir);
        Path out = dir.resolve("out");
        CliTest.Outcome run = CliTest.rehearse("run", "--engine", "mariadb:11.4", "--replica",
                "--schema", dir.resolve("schema.sql").toString(), "--migrations", migrations.toString(),
                "--rows", "t=100k", "--out", out.toString(), "--report", "json", "--fail-on", "never");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("replica: replayed the primary's binlog");

        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        JsonNode statements = report.get("statements");
        assertThat(statements).hasSize(2);
        long backfillLag = statements.get(0).get("replicationLagMaxMs").asLong();
        assertThat(statements.get(0).get("replicationLagMaxMs").isNumber()).as(statements.get(0).toString()).isTrue();
        assertThat(backfillLag).isPositive();
        assertThat(statements.get(1).get("replicationLagMaxMs").isNumber()).as(statements.get(1).toString()).isTrue();
        assertThat(statements.get(1).get("replicationLagMaxMs").asLong()).isLessThan(backfillLag);

        JsonNode replication = report.get("replication");
        assertThat(replication.get("measured").asBoolean()).isTrue();
        assertThat(replication.get("maxLagMs").asLong()).isGreaterThanOrEqualTo(backfillLag);
        // 100k row images before and after: megabytes of binlog the replica had to apply.
        assertThat(replication.get("maxLagBytes").asLong()).isGreaterThan(1_000_000);
        assertThat(replication.get("samples").asLong()).isPositive();
        assertThat(replication.at("/model/description").asText()).contains("binlog stream unthrottled");
        assertThat(replication.at("/statements/0/maxLagMs").asLong()).isEqualTo(backfillLag);
    }

    /**
     * {@code replica.apply_rate}: the binlog reaches the replica no faster, so the backfill's lag is at least the time
     * its bytes, less the throttle's burst (about 3 s of the rate), take at that rate.
     */
    @Test
    void anApplyRateThrottlesTheBinlogStream(@TempDir Path dir) throws Exception {
        Path migrations = migrations(dir);
        Path scenario = dir.resolve("scenario.yaml");
        Files.writeString(scenario, """
                engine: mariadb:10.11
                schema: %s
                data: { tables: { t: 20k } }
                load: { baseline_seconds: 1, cooldown_seconds: 1 }
                replica: { apply_rate: 128KiB/s, hot_standby_feedback: true }
                migrations: { path: %s }
                """.formatted(dir.resolve("schema.sql"), migrations));
        Path out = dir.resolve("out");
        CliTest.Outcome run = CliTest.rehearse("run", scenario.toString(), "--out", out.toString(), "--report", "json",
                "--fail-on", "never");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode replication = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("replication");
        assertThat(replication.at("/model/description").asText())
                .contains("read_binlog_speed_limit 128 KiB/s").contains("hot_standby_feedback ignored");
        assertThat(replication.at("/model/applyRateBytesPerSecond").asLong()).isEqualTo(128 * 1024);
        long bytes = replication.get("maxLagBytes").asLong();
        long rate = 128 * 1024;
        assertThat(bytes).isGreaterThan(4 * rate);
        assertThat(replication.at("/statements/0/maxLagMs").asLong()).as(replication.toString())
                .isGreaterThanOrEqualTo((bytes - 3 * rate) * 1000 / rate);
    }

    /** {@code --provider external} with {@code replica.url}: a replica the user runs is watched, not reconfigured. */
    @Test
    void anExternalPrimarysExistingReplicaIsWatched(@TempDir Path dir) throws Exception {
        Path migrations = migrations(dir);
        dev.rehearse.scenario.EngineSpec spec = dev.rehearse.scenario.EngineSpec.parse("mariadb:10.11");
        try (dev.rehearse.provision.Database primary = new dev.rehearse.engine.mysql.mariadb.EmbeddedMariaDbProvisioner().start(spec);
             dev.rehearse.engine.mysql.mariadb.MariaDbReplica replica =
                     dev.rehearse.engine.mysql.mariadb.MariaDbReplica.start(primary, spec)) {
            Path scenario = dir.resolve("scenario.yaml");
            Files.writeString(scenario, """
                    engine: mariadb:10.11
                    external: { url: "%s", user: root, allow_writes: true, database_pattern: rehearse }
                    schema: %s
                    data: { tables: { t: 20k } }
                    load: { baseline_seconds: 1, cooldown_seconds: 1 }
                    replica: { url: "%s", user: root, apply_rate: 1MB/s }
                    migrations: { path: %s }
                    """.formatted(primary.jdbcUrl(), dir.resolve("schema.sql"), replica.database().jdbcUrl(), migrations));
            Path out = dir.resolve("out");
            CliTest.Outcome run = CliTest.rehearse("run", scenario.toString(), "--out", out.toString(), "--report", "json",
                    "--fail-on", "never");
            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.err()).contains("has applied the seed");
            JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
            JsonNode replication = report.get("replication");
            assertThat(replication.get("measured").asBoolean()).isTrue();
            assertThat(replication.at("/model/description").asText()).startsWith("an existing replica")
                    .contains("not set on a server this rehearsal does not own");
            assertThat(report.at("/statements/0/replicationLagMaxMs").isNumber()).as(report.toString()).isTrue();
            // watched: the byte distance was read (how far an unthrottled replica falls behind depends on the machine's
            // speed; on a quiet one it can keep up between samples, so its size is not asserted)
            assertThat(replication.get("maxLagBytes").isNumber()).as(replication.toString()).isTrue();
            // Nothing of the user's was changed: the replica still reads the binlog unthrottled.
            try (var c = replica.database().connect(); var rs = c.createStatement().executeQuery(
                    "SELECT @@read_binlog_speed_limit")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }
}
