package dev.rehearse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.rehearse.cli.CliTest.rehearse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rehearse estimate} on embedded MariaDB 11.4: each scale on a fresh database of the one server (CREATE
 * DATABASE, the previous one dropped), the operation read from what the server did (a COPY rebuild, an in-place index
 * build, an instant column), the assumptions from InnoDB's own settings.
 */
class MariaDbEstimateCliTest {

    @Test
    void estimatesOnFreshDatabasesOfOneMariaDbServer(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("schema.sql"), """
                CREATE TABLE items (id bigint PRIMARY KEY, code varchar(40) NOT NULL, qty int NOT NULL);
                """);
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__add_column.sql"), "ALTER TABLE items ADD COLUMN note varchar(20);\n");
        Files.writeString(migrations.resolve("V2__index.sql"), "CREATE INDEX items_code ON items (code);\n");
        Files.writeString(migrations.resolve("V3__bigint.sql"), "ALTER TABLE items MODIFY qty bigint NOT NULL;\n");
        Path scenario = Files.writeString(dir.resolve("estimate.yaml"), """
                engine: mariadb:11.4
                schema: schema.sql
                data:
                  tables:
                    items: { rows: 10k, production_rows: 30M }
                load:
                  enabled: false
                migrations:
                  path: migrations
                """);
        Path out = dir.resolve("out");
        CliTest.Outcome r = rehearse("estimate", scenario.toString(), "--scales", "5k,15k,40k", "--repeat", "1",
                "--fail-on", "never", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode e = new ObjectMapper().readTree(out.resolve("estimate.json").toFile());
        assertThat(e.at("/engine/kind").asText()).isEqualTo("mariadb");
        assertThat(e.get("targets").get(0).get("rows").asLong()).isEqualTo(30_000_000L);
        assertThat(e.get("targets").get(0).get("from").asText()).isEqualTo("production_rows");
        JsonNode statements = e.get("statements");
        assertThat(statements).hasSize(3);
        for (JsonNode s : statements) {
            assertThat(s.get("error").isNull()).as(s.get("error").toString()).isTrue();
            assertThat(s.get("fit").get("points")).hasSize(3);
            assertThat(s.at("/predictions/0/durationMs").isNumber()).as(s.toString()).isTrue();
        }
        assertThat(statements.get(0).get("operation").asText()).isEqualTo("catalog-only");
        assertThat(statements.get(1).get("operation").asText()).isEqualTo("index build");
        assertThat(statements.get(2).get("operation").asText()).isEqualTo("rewrite");
        JsonNode rewrite = statements.get(2);
        long rehearsedMax = 0;
        for (JsonNode pt : rewrite.get("fit").get("points")) rehearsedMax = Math.max(rehearsedMax, pt.get("durationMs").asLong());
        assertThat(rewrite.at("/predictions/0/durationMs").asLong()).as(rewrite.toString()).isGreaterThan(rehearsedMax);
        // (a factor of 8 between the scales: the first rehearsal on a cold server is slower, which a smaller range
        // can mistake for no growth on a busy machine)
        // the COPY held the table against writes for its whole run: the lock hold at the target grows with it
        assertThat(rewrite.at("/predictions/0/lockHoldMs").asLong()).isGreaterThan(rehearsedMax);
        JsonNode a = e.get("assumptions");
        assertThat(a.get("cacheSetting").asText()).isEqualTo("innodb_buffer_pool_size");
        assertThat(a.get("cacheBytes").asLong()).isPositive();
        assertThat(a.get("settings").get("innodb_sort_buffer_size").asText()).isNotEmpty();
        assertThat(a.get("tables").get(0).get("rehearsedBytes").asLong()).isPositive();
        for (String run : java.util.List.of("5000-1", "15000-1", "40000-1")) {
            assertThat(out.resolve("scales").resolve(run).resolve("report.json")).exists();
        }
        // every scale's database was dropped but the last, which the server took with it: none is left to find
        assertThat(r.err()).doesNotContain("cannot drop");
    }
}
