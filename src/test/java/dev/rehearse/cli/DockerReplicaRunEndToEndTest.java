package dev.rehearse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.TestMatrix;
import dev.rehearse.provision.DockerAvailability;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.DockerClientFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code run --provider docker --replica}: a primary container and a replica container on one network (MySQL and
 * MariaDB: seeded by the image's dump and replicating by binlog; PostgreSQL: a standby by pg_basebackup), a backfill's
 * lag measured into report.json against next to none for a metadata-only change, and no container of this run left
 * afterwards. Runs only where a Docker engine answers (skipped with the reason otherwise); where none does, the same
 * command fails in one line before anything starts, which is tested instead.
 */
class DockerReplicaRunEndToEndTest {

    static List<String> engines() {
        return TestMatrix.versions(
                List.of("mysql:5.7", "mysql:8.0", "mysql:8.4", "mysql:9.3", "mariadb:10.6", "mariadb:10.11",
                        "mariadb:11.4", "postgres:12", "postgres:16"),
                List.of("mysql:8.0", "mysql:8.4", "mariadb:10.11", "postgres:16"));
    }

    private static Path scenario(Path dir, String engine) throws Exception {
        boolean postgres = engine.startsWith("postgres");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__backfill.sql"), "UPDATE accounts SET balance = balance + 1;\n");
        // metadata only: INSTANT on MySQL 8 / MariaDB 10.3+, a catalog change on PostgreSQL (INPLACE on 5.7)
        Files.writeString(migrations.resolve("V2__column.sql"), "ALTER TABLE accounts ADD COLUMN flag "
                + (postgres ? "text" : "varchar(10)") + ";\n");
        Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY, balance int NOT NULL,"
                + " note varchar(40) NOT NULL);\n");
        Path scenario = dir.resolve("scenario.yaml");
        Files.writeString(scenario, "engine: " + engine + "\n" + """
                provider: docker
                schema: schema.sql
                data:
                  tables:
                    accounts: { rows: 200k }
                load: { clients: 2, rate: 40, baseline_seconds: 1, cooldown_seconds: 1, replica_share: 0.3 }
                replica: true
                migrations: { path: migrations }
                """);
        return scenario;
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aReplicaContainerShowsTheBackfillsLagAndIsRemovedWithThePrimary(String engine, @TempDir Path dir) throws Exception {
        DockerAvailability.Result docker = DockerAvailability.check();
        assumeTrue(docker.available(), "skipped: " + docker.reason());
        Path out = dir.resolve("out");
        CliTest.Outcome r = CliTest.rehearse("run", scenario(dir, engine).toString(), "--out", out.toString(),
                "--report", "json", "--fail-on", "never");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.err()).contains("replica: ", engine.startsWith("postgres") ? "pg_basebackup" : "dump");

        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        JsonNode rep = report.get("replication");
        assertThat(rep.get("measured").asBoolean()).isTrue();
        assertThat(rep.get("samples").asLong()).isPositive();
        assertThat(rep.get("replicaQueries").asLong()).isPositive();
        JsonNode backfill = report.get("statements").get(0), column = report.get("statements").get(1);
        assertThat(backfill.get("rowsAffected").asLong()).isEqualTo(200_000);
        assertThat(backfill.get("walBytes").asLong()).isGreaterThan(1_000_000L);
        assertThat(column.get("walBytes").asLong()).isLessThan(backfill.get("walBytes").asLong() / 100);
        assertThat(backfill.get("replicationLagMaxMs").asLong())
                .isGreaterThanOrEqualTo(column.get("replicationLagMaxMs").asLong());
        assertThat(column.get("replicationLagMaxMs").asLong()).as("a metadata change: next to none").isLessThan(1_000);

        // the run's containers (primary and replica) are gone; Testcontainers' own reaper stays for the JVM
        var left = DockerClientFactory.instance().client().listContainersCmd()
                .withLabelFilter(Map.of(DockerClientFactory.TESTCONTAINERS_SESSION_ID_LABEL, DockerClientFactory.SESSION_ID))
                .exec().stream().filter(c -> !c.getImage().contains("ryuk")).toList();
        assertThat(left).as("containers left").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql:8.0", "mariadb:10.11", "postgres:16"})
    void withoutDockerAReplicaRunFailsInOneLineBeforeAnythingStarts(String engine, @TempDir Path dir) throws Exception {
        DockerAvailability.Result docker = DockerAvailability.check();
        assumeFalse(docker.available(), "Docker answers here; the failure path is not reachable");
        CliTest.Outcome r = CliTest.rehearse("run", scenario(dir, engine).toString(), "--out", dir.resolve("out").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).contains("--provider docker: " + docker.reason()).doesNotContain("Exception", "\tat ");
    }
}
