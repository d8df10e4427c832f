package dev.rehearse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.rehearse.cli.CliTest.rehearse;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code lint} and {@code run} on a Liquibase project, end to end through the CLI. */
class LiquibaseCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PROJECT = Path.of("src/test/resources/sources/liquibase/project");

    /** A copy of the fixture project to edit. */
    private static Path copy(Path dir) throws IOException {
        Path to = dir.resolve("project");
        try (Stream<Path> s = Files.walk(PROJECT)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(PROJECT.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        return to;
    }

    @Test
    void lintReadsTheChangelogAsLiquibaseRunsItAndNamesChangelogFileAndLine(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliTest.Outcome ok = rehearse("lint", "--format", "liquibase", PROJECT.toString(), "--report", "console,json,sarif",
                "--out", out.toString());
        assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).doesNotContain("concurrently-in-transaction"); // runInTransaction="false" is honoured
        assertThat(ok.err()).as("Liquibase's own logging stays quiet").doesNotContain("liquibase").doesNotContain("INFO");
        JsonNode json = JSON.readTree(out.resolve("report.json").toFile());
        assertThat(json.get("categories")).hasSize(8);

        // without runInTransaction="false", Liquibase wraps the changeSet: CONCURRENTLY then fails at deploy
        Path copy = copy(dir);
        Path master = copy.resolve("db.changelog-master.xml");
        Files.writeString(master, Files.readString(master).replace(" runInTransaction=\"false\"", ""));
        int line = lineOf(master, "<sql>CREATE INDEX CONCURRENTLY");
        CliTest.Outcome block = rehearse("lint", copy.toString(), "--report", "console,sarif", "--out", out.toString());
        assertThat(block.code()).as(block.out() + block.err()).isEqualTo(1);
        assertThat(block.out()).contains("db.changelog-master.xml:" + line + "  BLOCK  concurrently-in-transaction");
        dev.rehearse.report.SarifSchema.validate(Files.readString(out.resolve("report.sarif")));
        JsonNode result = findResult(JSON.readTree(out.resolve("report.sarif").toFile()), "concurrently-in-transaction");
        JsonNode loc = result.get("locations").get(0).get("physicalLocation");
        assertThat(loc.get("artifactLocation").get("uri").asText()).isEqualTo("db.changelog-master.xml");
        assertThat(loc.get("region").get("startLine").asInt()).isEqualTo(line);

        // --contexts reaches Liquibase's filter: the prod-only VALIDATE is not read under "test"
        Path sql = copy.resolve("changes/003-order-status.sql");
        Files.writeString(sql, Files.readString(sql).replace("VALIDATE CONSTRAINT orders_status_check",
                "VALIDATE CONSTRAINT orders_status_check;\nALTER TABLE customers ALTER COLUMN email TYPE text"));
        assertThat(rehearse("lint", copy.toString(), "--contexts", "prod", "--fail-on", "never").out())
                .contains("003-order-status.sql:" + lineOf(sql, "ALTER COLUMN email TYPE"));
        assertThat(rehearse("lint", copy.toString(), "--contexts", "test", "--fail-on", "never").out())
                .doesNotContain("003-order-status.sql:" + lineOf(sql, "ALTER COLUMN email TYPE"));
    }

    @Test
    void runAppliesEveryChangeSetOnTheEmbeddedServerAndTheNonTransactionalOneOutsideATransaction(@TempDir Path dir)
            throws Exception {
        Path out = dir.resolve("out");
        CliTest.Outcome r = rehearse("run", "--migrations", PROJECT.toString(), "--pending", PROJECT.toString(), "--format", "liquibase", "--no-load",
                "--report", "json", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isIn(0, 1);
        assertThat(r.err()).doesNotContain("liquibase:");
        JsonNode statements = JSON.readTree(out.resolve("report.json").toFile()).get("statements");
        List<String> sql = new ArrayList<>();
        for (JsonNode s : statements) {
            assertThat(s.get("error").isNull()).as(s.get("sql").asText() + ": " + s.get("error")).isTrue();
            sql.add(s.get("sql").asText());
        }
        assertThat(sql).hasSize(11).first().asString().startsWith("CREATE TABLE customers");
        JsonNode index = statements.get(sql.indexOf("CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id)"));
        assertThat(index.get("inTransaction").asBoolean()).isFalse();
        assertThat(index.get("migration").asText()).isEqualTo("db.changelog-master.xml");
        JsonNode validate = statements.get(sql.indexOf("ALTER TABLE orders VALIDATE CONSTRAINT orders_status_check"));
        assertThat(validate.get("inTransaction").asBoolean()).isTrue();
        assertThat(validate.get("migration").asText()).isEqualTo("changes/003-order-status.sql");
        assertThat(validate.get("line").asInt()).isEqualTo(lineOf(PROJECT.resolve("changes/003-order-status.sql"), "VALIDATE"));
    }

    @Test
    void runFailsAsTheDeployWouldWhenLiquibaseWrapsConcurrentlyInItsTransaction(@TempDir Path dir) throws Exception {
        Path copy = copy(dir);
        Path master = copy.resolve("db.changelog-master.xml");
        Files.writeString(master, Files.readString(master).replace(" runInTransaction=\"false\"", ""));
        Path out = dir.resolve("out");
        CliTest.Outcome r = rehearse("run", "--migrations", copy.toString(), "--pending", copy.toString(), "--format", "liquibase", "--no-load",
                "--report", "json", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        assertThat(report.get("verdict").asText()).isEqualTo("BLOCK");
        JsonNode failed = null;
        for (JsonNode s : report.get("statements")) if (!s.get("error").isNull()) failed = s;
        assertThat(failed).isNotNull();
        assertThat(failed.get("sql").asText()).startsWith("CREATE INDEX CONCURRENTLY");
        assertThat(failed.get("error").asText()).contains("cannot run inside a transaction block");
        assertThat(failed.get("inTransaction").asBoolean()).isTrue();
        assertThat(failed.get("line").asInt()).isEqualTo(lineOf(master, "<sql>CREATE INDEX CONCURRENTLY"));
    }

    @Test
    void runAppliesTheChangeSetsUpToFromAsTheBaselineAndRehearsesTheRest(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliTest.Outcome r = rehearse("run", "--migrations", PROJECT.toString(), "--format", "liquibase", "--no-load",
                "--from", "3b", "--report", "json", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isIn(0, 1);
        assertThat(r.err()).contains("5 deployed migrations applied"); // changeSets 1, 2, 2b, 3, 3b
        assertThat(sqlOf(out)).containsExactly("CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id)",
                "INSERT INTO customers (email) VALUES ('test@example.com')",
                "CREATE TABLE audit_log (id BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL, message TEXT, "
                        + "CONSTRAINT audit_log_pkey PRIMARY KEY (id))");
    }

    @Test
    void runTakesContextsFromTheScenarioAndTheFlagWins(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("scenario.yaml"), """
                engine: postgres:16
                load:
                  enabled: false
                migrations:
                  path: %s
                  format: liquibase
                  contexts: prod
                """.formatted(PROJECT.toAbsolutePath()));
        Path out = dir.resolve("out");
        CliTest.Outcome prod = rehearse("run", scenario.toString(), "--pending", PROJECT.toString(), "--report", "json", "--out", out.resolve("prod").toString());
        assertThat(prod.code()).as(prod.err()).isIn(0, 1);
        assertThat(sqlOf(out.resolve("prod"))).anyMatch(s -> s.contains("VALIDATE CONSTRAINT"))
                .noneMatch(s -> s.startsWith("INSERT INTO customers"));
        CliTest.Outcome test = rehearse("run", scenario.toString(), "--pending", PROJECT.toString(), "--contexts", "test", "--report", "json",
                "--out", out.resolve("test").toString());
        assertThat(test.code()).as(test.err()).isIn(0, 1);
        assertThat(sqlOf(out.resolve("test"))).noneMatch(s -> s.contains("VALIDATE CONSTRAINT"))
                .anyMatch(s -> s.startsWith("INSERT INTO customers"));
    }

    private static List<String> sqlOf(Path out) throws IOException {
        List<String> sql = new ArrayList<>();
        for (JsonNode s : JSON.readTree(out.resolve("report.json").toFile()).get("statements")) {
            assertThat(s.get("error").isNull()).as(s.get("sql").asText()).isTrue();
            sql.add(s.get("sql").asText());
        }
        return sql;
    }

    private static JsonNode findResult(JsonNode sarif, String rule) {
        for (JsonNode r : sarif.get("runs").get(0).get("results")) if (r.get("ruleId").asText().equals(rule)) return r;
        throw new AssertionError("no " + rule + " in " + sarif);
    }

    private static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i + 1;
        throw new AssertionError(text + " not in " + file);
    }
}
