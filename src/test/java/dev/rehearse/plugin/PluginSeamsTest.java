package dev.rehearse.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rehearse.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A migration source and a report format registered from the test tree alone (one services line each) drive a real
 * rehearsal on embedded PostgreSQL and a lint, with no edit to the main tree.
 */
class PluginSeamsTest {

    private static final String MIGRATIONS = """
            [
              {"name": "1 add a column", "statements": ["ALTER TABLE accounts ADD COLUMN note text"]},
              {"name": "2 index it", "transaction": true,
               "statements": ["CREATE INDEX CONCURRENTLY accounts_note ON accounts (note)"]},
              {"name": "3 forbid nulls", "statements": ["ALTER TABLE accounts ALTER COLUMN code SET NOT NULL"]}
            ]
            """;

    @Test
    void aTestTreeSourceAndFormatRunARehearsal(@TempDir Path dir) throws Exception {
        Path schema = Files.writeString(dir.resolve("schema.sql"),
                "CREATE TABLE accounts (id bigint PRIMARY KEY, code text);\n");
        Path migrations = Files.writeString(dir.resolve("app.migrations.json"), MIGRATIONS);
        Path out = dir.resolve("out");
        int code = Main.execute("run", "--schema", schema.toString(), "--migrations", migrations.toString(),
                "--format", "json-list", "--rows", "accounts=20k", "--no-load", "--report", "json,findings-csv",
                "--out", out.toString());

        JsonNode report = JsonMapper.builder().build().readTree(out.resolve("report.json").toFile());
        List<String> csv = Files.readAllLines(out.resolve("findings.csv"));
        // The source said migration 2 runs in a transaction: CONCURRENTLY then fails, as the deploy would.
        assertThat(report.get("statements")).hasSize(2);
        assertThat(report.get("statements").get(1).get("error").asText()).contains("transaction block");
        assertThat(csv.get(0)).isEqualTo("rule,status,migration,line,counts");
        assertThat(csv).anyMatch(l -> l.startsWith("concurrently-in-transaction,BLOCK,2 index it,"));
        assertThat(report.get("verdict").asText()).isEqualTo("BLOCK");
        assertThat(code).isEqualTo(1);
    }

    @Test
    void lintReadsTheSameSourceDetectedFromItsLayout(@TempDir Path dir) throws Exception {
        Path migrations = Files.writeString(dir.resolve("app.migrations.json"), MIGRATIONS);
        Path out = dir.resolve("out");
        int code = Main.execute("lint", migrations.toString(), "--report", "findings-csv", "--out", out.toString());
        List<String> csv = Files.readAllLines(out.resolve("findings.csv"));
        assertThat(csv).anyMatch(l -> l.startsWith("concurrently-in-transaction,BLOCK,2 index it,"))
                .anyMatch(l -> l.startsWith("set-not-null,FLAG,3 forbid nulls,"));
        assertThat(code).isEqualTo(1);
    }
}
