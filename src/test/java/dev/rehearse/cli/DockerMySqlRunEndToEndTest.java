package dev.rehearse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.provision.DockerAvailability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code run --provider docker} for the MySQL family, end to end: a seeded table, an INSTANT add column, an in-place
 * index and a COPY type change, judged from the container's server (algorithm, rebuild, rows copied, binary-log
 * bytes), and a backfill's InnoDB row-lock waits. Runs only where a Docker engine answers; where
 * none does, the same command fails in one line (exit 3), which is tested instead.
 */
class DockerMySqlRunEndToEndTest {

    @ParameterizedTest
    @ValueSource(strings = {"mysql:8.0", "mysql:8.4", "mariadb:10.6"})
    void aContainerRehearsalMeasuresInstantAndCopy(String engine, @TempDir Path dir) throws Exception {
        DockerAvailability.Result docker = DockerAvailability.check();
        assumeTrue(docker.available(), "skipped: " + docker.reason());
        Path out = MySqlRehearsals.instantAndCopy(dir, "--engine", engine, "--provider", "docker");
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        MySqlRehearsals.assertInstantAndCopy(report);
        MySqlRehearsals.assertMeasuredAlgorithms(report);
    }

    /** InnoDB row-lock waits: {@code performance_schema.data_lock_waits} on MySQL 8, INNODB_LOCK_WAITS on MariaDB. */
    @ParameterizedTest
    @ValueSource(strings = {"mysql:8.0", "mysql:8.4", "mariadb:10.6"})
    void aBackfillsRowLocksBlockTheWorkloadsWrites(String engine, @TempDir Path dir) throws Exception {
        DockerAvailability.Result docker = DockerAvailability.check();
        assumeTrue(docker.available(), "skipped: " + docker.reason());
        Path out = MySqlRehearsals.backfill(dir, "--engine", engine, "--provider", "docker");
        MySqlRehearsals.assertBackfillRowLockWaits(new ObjectMapper().readTree(out.resolve("report.json").toFile()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql:8.0", "mariadb:10.6"})
    void withoutDockerTheRunFailsInOneLineNamingTheOtherProviders(String engine, @TempDir Path dir) throws Exception {
        DockerAvailability.Result docker = DockerAvailability.check();
        assumeFalse(docker.available(), "Docker answers here; the failure path is not reachable");
        Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE t (id bigint PRIMARY KEY);\n");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__a.sql"), "ALTER TABLE t ADD COLUMN note varchar(20);\n");
        CliTest.Outcome run = CliTest.rehearse("run", "--engine", engine, "--provider", "docker",
                "--schema", dir.resolve("schema.sql").toString(), "--migrations", migrations.toString(),
                "--out", dir.resolve("out").toString());
        assertThat(run.code()).as(run.err()).isEqualTo(3);
        assertThat(run.err()).contains("--provider docker: " + docker.reason(), "--provider external")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void anUnknownLineIsInvalidInputBeforeDockerIsAsked(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE t (id bigint PRIMARY KEY);\n");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__a.sql"), "ALTER TABLE t ADD COLUMN note varchar(20);\n");
        CliTest.Outcome run = CliTest.rehearse("run", "--engine", "mysql:7.1", "--provider", "docker",
                "--schema", dir.resolve("schema.sql").toString(), "--migrations", migrations.toString(),
                "--out", dir.resolve("out").toString());
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("--engine: mysql:7.1 is not supported; expected MySQL 5.7, 8.x or 9.x (e.g. mysql:8.0)");
    }
}
