package dev.rehearse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Seeding MariaDB from the command line: a PostgreSQL data profile on its MariaDB schema, and a CHECK it cannot meet. */
class MariaDbSeedCliTest {

    @Test
    void theEcommerceProfileSeedsMariaDbWithItsIndexesDeferred(@TempDir Path dir) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__status.sql"), "CREATE INDEX orders_status ON orders (status);\n");
        Path out = dir.resolve("out");
        CliTest.Outcome run = CliTest.rehearse("run", "--engine", "mariadb:10.11",
                "--schema", "seed-data/schemas/ecommerce.mariadb.sql", "--profile", "seed-data/ecommerce.yaml",
                "--rows", "customers=2k", "--rows", "products=200", "--rows", "orders=5k", "--rows", "order_items=10k",
                "--migrations", migrations.toString(), "--no-load", "--out", out.toString(), "--report", "json",
                "--fail-on", "never");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("seed: 4 secondary indexes and 3 foreign keys dropped for the load, rebuilt after it");
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.at("/seed/tables").toString())
                .contains("\"rows\":2000").contains("\"rows\":200").contains("\"rows\":5000").contains("\"rows\":10000");
        assertThat(report.at("/statements/0/error").isNull()).isTrue();
    }

    @Test
    void aCheckNoGeneratedRowCanMeetIsInvalidInputNamingIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE pairs (id int PRIMARY KEY, a int NOT NULL, b int NOT NULL,"
                + " CONSTRAINT pairs_sum CHECK (a + b = 1000003));\n");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__x.sql"), "ALTER TABLE pairs ADD COLUMN c int;\n");
        CliTest.Outcome run = CliTest.rehearse("run", "--engine", "mariadb:10.11", "--schema", dir.resolve("schema.sql").toString(),
                "--migrations", migrations.toString(), "--rows", "pairs=100", "--no-load", "--out", dir.resolve("out").toString());
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("pairs_sum").doesNotContain("\tat ");
    }
}
