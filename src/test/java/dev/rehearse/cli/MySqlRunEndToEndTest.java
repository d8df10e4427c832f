package dev.rehearse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.engine.mysql.mariadb.EmbeddedMariaDbProvisioner;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run --engine mysql:8.0} from the command line where no Docker engine answers: through
 * {@code --provider external} on an embedded MariaDB 10.11 (the MySQL runtime over MySQL Connector/J, end to end),
 * and the providers MySQL does not have, refused in one line.
 */
class MySqlRunEndToEndTest {

    @Test
    void theMySqlRuntimeRehearsesEndToEndOverConnectorJ(@TempDir Path dir) throws Exception {
        try (Database server = new EmbeddedMariaDbProvisioner().start(EngineSpec.parse("mariadb:10.11"))) {
            String url = server.jdbcUrl().replaceFirst("^jdbc:mariadb:", "jdbc:mysql:").replaceFirst("\\?.*$", "");
            Path out = MySqlRehearsals.instantAndCopy(dir, "--engine", "mysql:8.0", "--provider", "external",
                    "--url", url, "--user", "root", "--allow-writes", "--i-understand-this-is-not-production");
            JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
            MySqlRehearsals.assertInstantAndCopy(report);
            // MySQL's probe on a server with MariaDB's stage instruments on (the embedded provisioner's) and its binary
            // log read by SHOW MASTER STATUS (no SHOW BINARY LOG STATUS there)
            MySqlRehearsals.assertMeasuredAlgorithms(report);
            // The MySQL catalog judged it (mysql-* rules), not MariaDB's.
            assertThat(report.at("/engine/kind").asText()).isEqualTo("mysql");
            // The server's VERSION(), not Connector/J's handshake reading of a MariaDB ("5.5.5-10.11.5-MariaDB").
            assertThat(report.at("/engine/version").asText()).startsWith("10.11.");
        }
    }

    /** MySQL's lock probe reading row-lock waits by the 5.7 path ({@code information_schema.INNODB_LOCK_WAITS}). */
    @Test
    void theMySqlRuntimeMeasuresRowLockWaitsOnTheInformationSchemaPath(@TempDir Path dir) throws Exception {
        try (Database server = new EmbeddedMariaDbProvisioner().start(EngineSpec.parse("mariadb:10.11"))) {
            String url = server.jdbcUrl().replaceFirst("^jdbc:mariadb:", "jdbc:mysql:").replaceFirst("\\?.*$", "");
            Path out = MySqlRehearsals.backfill(dir, "--engine", "mysql:5.7", "--provider", "external",
                    "--url", url, "--user", "root", "--allow-writes", "--i-understand-this-is-not-production");
            MySqlRehearsals.assertBackfillRowLockWaits(new ObjectMapper().readTree(out.resolve("report.json").toFile()));
        }
    }

    @Test
    void mysqlHasNoEmbeddedServerAndSaysWhatToUse(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE t (id bigint PRIMARY KEY);\n");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__a.sql"), "ALTER TABLE t ADD COLUMN note varchar(20);\n");
        CliTest.Outcome run = CliTest.rehearse("run", "--engine", "mysql:8.0", "--provider", "embedded",
                "--schema", dir.resolve("schema.sql").toString(), "--migrations", migrations.toString(),
                "--out", dir.resolve("out").toString());
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        String line = run.err().lines().filter(l -> l.contains("no embedded")).findFirst().orElseThrow(() -> new AssertionError(run.err()));
        assertThat(line).contains("mysql:8.0 has no embedded binaries", "--provider docker", "--provider external");
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void mariaDb106IsNotEmbeddedAndTheErrorNamesDocker(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE t (id bigint PRIMARY KEY);\n");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__a.sql"), "ALTER TABLE t ADD COLUMN note varchar(20);\n");
        CliTest.Outcome run = CliTest.rehearse("run", "--engine", "mariadb:10.6", "--schema", dir.resolve("schema.sql").toString(),
                "--migrations", migrations.toString(), "--out", dir.resolve("out").toString());
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("mariadb:10.6 is not available embedded", "--provider docker");
    }

    @Test
    void doctorListsWhatThisMachineCanRunForTheMySqlFamily() {
        CliTest.Outcome o = CliTest.rehearse("doctor", "--no-start");
        assertThat(o.out()).contains("mysql (MySQL 5.7, 8.0, 8.4, 9.x (docker, external))",
                "embedded        none: MySQL publishes no binaries", "mysql:8.0 (8.0.42)", "mysql:8.4 (8.4.5)",
                "--url jdbc:mysql://HOST:3306/DB", "mariadb:10.6 (10.6.21)", "--url jdbc:mariadb://HOST:3306/DB");
        assertThat(o.out()).doesNotContain("not in this build yet", "lint only");
    }
}
