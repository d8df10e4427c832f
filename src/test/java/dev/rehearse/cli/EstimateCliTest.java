package dev.rehearse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.rehearse.cli.CliTest.rehearse;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code rehearse estimate} through the CLI on embedded PostgreSQL 16, at tiny scales. */
class EstimateCliTest {

    /** A table, one migration per kind of cost: catalog-only, scan, index build, rewrite. */
    static Path scenario(Path dir) throws Exception {
        Files.writeString(dir.resolve("schema.sql"), """
                CREATE TABLE items (
                    id     bigint PRIMARY KEY,
                    code   text NOT NULL,
                    region text,
                    qty    int NOT NULL
                );
                """);
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__add_column.sql"), "ALTER TABLE items ADD COLUMN note text;\n");
        Files.writeString(migrations.resolve("V2__not_null.sql"), "ALTER TABLE items ALTER COLUMN region SET NOT NULL;\n");
        Files.writeString(migrations.resolve("V3__index.sql"), "CREATE INDEX items_code ON items (code);\n");
        Files.writeString(migrations.resolve("V4__bigint.sql"), "ALTER TABLE items ALTER COLUMN qty TYPE bigint;\n");
        return Files.writeString(dir.resolve("estimate.yaml"), """
                engine: postgres:16
                schema: schema.sql
                data:
                  tables:
                    items: { rows: 10k, production_rows: 50M }
                load:
                  enabled: false
                migrations:
                  path: migrations
                """);
    }

    @Test
    void estimatesEachStatementAtTheTargetWithItsModelAndIntervalAndWritesTheFiles(@TempDir Path dir) throws Exception {
        Path scenario = scenario(dir);
        Path out = dir.resolve("out");
        CliTest.Outcome r = rehearse("estimate", scenario.toString(), "--scales", "2k,5k,10k", "--repeat", "2",
                "--target", "items=20M", "--calibrate", "4=30@20M", "--fail-on", "never", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode e = new ObjectMapper().readTree(out.resolve("estimate.json").toFile());
        assertThat(e.get("scales")).hasSize(3);
        assertThat(e.get("targets").get(0).get("rows").asLong()).isEqualTo(20_000_000L);
        assertThat(e.get("targets").get(0).get("from").asText()).isEqualTo("--target");
        JsonNode statements = e.get("statements");
        assertThat(statements).hasSize(4);
        for (JsonNode s : statements) {
            assertThat(s.get("fit").get("points")).as(s.get("sql").asText()).hasSize(6); // 3 scales × 2
            assertThat(s.get("fit").get("candidates")).hasSize(3);
            JsonNode p = s.get("predictions").get(0);
            assertThat(p.get("table").asText()).isEqualTo("items");
            assertThat(p.get("rows").asLong()).isEqualTo(20_000_000L);
            assertThat(p.get("lowMs").asLong()).isLessThanOrEqualTo(p.get("durationMs").asLong());
            assertThat(p.get("highMs").asLong()).isGreaterThanOrEqualTo(p.get("durationMs").asLong());
            List<Long> rows = new ArrayList<>();
            s.get("fit").get("points").forEach(pt -> rows.add(pt.get("rows").asLong()));
            assertThat(rows).contains(2_000L, 5_000L, 10_000L);
        }
        assertThat(statements.get(0).get("operation").asText()).isEqualTo("catalog-only");
        assertThat(statements.get(1).get("operation").asText()).isEqualTo("scan");
        assertThat(statements.get(2).get("operation").asText()).isEqualTo("index build");
        assertThat(statements.get(3).get("operation").asText()).isEqualTo("rewrite");
        // the rewrite grows: its prediction at 20M rows is far beyond anything rehearsed
        JsonNode rewrite = statements.get(3);
        assertThat(rewrite.get("model").asText()).isIn("n", "n log n");
        long rehearsedMax = 0;
        for (JsonNode pt : rewrite.get("fit").get("points")) rehearsedMax = Math.max(rehearsedMax, pt.get("durationMs").asLong());
        assertThat(rewrite.get("predictions").get(0).get("durationMs").asLong()).isGreaterThan(rehearsedMax);
        // the calibration makes statement 4 take what the team measured at those rows
        assertThat(e.get("calibrations").get(0).get("statement").asInt()).isEqualTo(4);
        assertThat(rewrite.get("predictions").get(0).get("durationMs").asLong()).isBetween(29_000L, 31_000L);
        assertThat(e.get("assumptions").get("hardware").asText()).contains("team's machine");
        // what the prediction rests on, read from the server and the machine
        JsonNode a = e.get("assumptions");
        assertThat(a.get("cacheSetting").asText()).isEqualTo("shared_buffers");
        assertThat(a.get("cacheBytes").asLong()).isPositive();
        assertThat(a.get("settings").get("maintenance_work_mem").asText()).isNotEmpty();
        assertThat(a.get("settings").has("max_parallel_maintenance_workers")).isTrue();
        assertThat(a.get("tables").get(0).get("rehearsedBytes").asLong()).isPositive();
        JsonNode machine = e.get("machine");
        assertThat(machine.get("samples")).hasSize(7); // before the first, after each of the 6 rehearsals
        assertThat(machine.get("cpuShareMin").asDouble()).isBetween(0.0, 1.0);
        assertThat(machine.get("paceFactor").asDouble()).isGreaterThanOrEqualTo(1.0);
        // the same figures on the console, as a table
        assertThat(r.out()).contains("statement", "model", "95 % interval", "lock hold", "items 20,000,000",
                "ALTER TABLE items ALTER COLUMN qty TYPE b", "Machine:", "Assumes:");
        // each rehearsal's report, and the runbook fed with the estimated durations
        for (String run : List.of("2000-1", "5000-1", "10000-1", "2000-2", "5000-2", "10000-2")) {
            assertThat(out.resolve("scales").resolve(run).resolve("report.json")).exists();
        }
        String runbook = Files.readString(out.resolve("runbook.md"));
        assertThat(runbook).contains("20,000,000 rows of items");
        assertThat(r.err()).contains("machine pace", "on a fresh database");
    }

    @Test
    void badScalesTargetsAndCalibrationsAreOneLineAndExitTwoWithoutStartingADatabase(@TempDir Path dir)
            throws Exception {
        Path scenario = scenario(dir);
        CliTest.Outcome help = rehearse("estimate", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--scales", "--target", "--repeat", "--calibrate", "--out");
        for (String[] args : List.of(
                new String[]{"--scales", "2k,lots"},
                new String[]{"--scales", "10k"},
                new String[]{"--scales", "5k,5000"},
                new String[]{"--scales", "0,5k"},
                new String[]{"--scales", "2k,5k", "--target", "items"},
                new String[]{"--scales", "2k,5k", "--target", "items=many"},
                new String[]{"--scales", "2k,5k", "--target", "nosuch=1M"},
                new String[]{"--scales", "2k,5k", "--calibrate", "4=30"},
                new String[]{"--scales", "2k,5k", "--calibrate", "9=30@1M"},
                new String[]{"--scales", "2k,5k", "--repeat", "0"})) {
            List<String> argv = new ArrayList<>(List.of("estimate", scenario.toString()));
            argv.addAll(List.of(args));
            CliTest.Outcome r = rehearse(argv.toArray(String[]::new));
            assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
            assertThat(r.err().strip()).as(String.join(" ", args)).doesNotContain("\n").doesNotContain("Exception")
                    .contains(args[args.length - 2]).doesNotContain("provision:"); // no server was started
        }
        Path noTarget = Files.writeString(dir.resolve("no-target.yaml"), Files.readString(scenario)
                .replace(", production_rows: 50M", ""));
        CliTest.Outcome r = rehearse("estimate", noTarget.toString(), "--scales", "2k,5k");
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("--target TABLE=ROWS", "production_rows").doesNotContain("provision:");
    }
}
