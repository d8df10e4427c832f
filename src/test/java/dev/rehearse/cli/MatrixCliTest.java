package dev.rehearse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.TestMatrix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.rehearse.cli.CliTest.rehearse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rehearse matrix} end to end on real embedded servers: one scenario on several PostgreSQL versions (and, under
 * -Pslow, MariaDB), the differences from what each server measured, and the same matrix in three shards merged.
 * verify samples PostgreSQL 10 and 16; -Pslow runs 10, 11, 12, 16, 17 and MariaDB 10.11.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MatrixCliTest {

    static final List<String> ENGINES = TestMatrix.versions(
            List.of("postgres:10", "postgres:11", "postgres:12", "postgres:16", "postgres:17", "mariadb:10.11"),
            List.of("postgres:10", "postgres:16"));

    static final ObjectMapper JSON = new ObjectMapper();

    Path root;
    Path scenario;
    Path whole;
    CliTest.Outcome wholeRun;

    @BeforeAll
    void rehearseTheWholeMatrix() throws Exception {
        root = Files.createTempDirectory("rehearse-matrix-test");
        Files.writeString(root.resolve("schema.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY, code varchar(20));\n");
        Path migrations = Files.createDirectories(root.resolve("migrations"));
        // a constant default: PostgreSQL 10 rewrites the table, 11+ store it in the catalog
        Files.writeString(migrations.resolve("V1__flag.sql"), "ALTER TABLE accounts ADD COLUMN flag int NOT NULL DEFAULT 0;\n");
        // a validated CHECK lets 12+ skip SET NOT NULL's scan; MariaDB's grammar has no SET NOT NULL at all
        Files.writeString(migrations.resolve("V2__code_not_null.sql"), """
                ALTER TABLE accounts ADD CONSTRAINT code_present CHECK (code IS NOT NULL);
                ALTER TABLE accounts ALTER COLUMN code SET NOT NULL;
                """);
        scenario = Files.writeString(root.resolve("scenario.yaml"), """
                schema: schema.sql
                data:
                  tables:
                    accounts: { rows: 20000 }
                load:
                  enabled: false
                migrations:
                  path: migrations
                """);
        whole = root.resolve("whole");
        wholeRun = rehearse("matrix", scenario.toString(), "--engines", String.join(",", ENGINES), "--out",
                whole.toString(), "--fail-on", "never", "--pending", migrations.toString());
        System.out.println(wholeRun.out());
    }

    @AfterAll
    void removeTheReports() throws Exception {
        if (root == null) return;
        try (var all = Files.walk(root)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void eachEngineHasItsReportAndTheMatrixShowsTheAddColumnDefaultRewriteOnTenOnlyFromMeasurement() throws Exception {
        assertThat(wholeRun.code()).as(wholeRun.err()).isZero();
        JsonNode m = JSON.readTree(whole.resolve("matrix.json").toFile());
        List<String> engines = new ArrayList<>();
        m.get("engines").forEach(e -> engines.add(e.get("engine").asText()));
        assertThat(engines).containsExactlyElementsOf(ENGINES);
        for (String e : ENGINES) {
            if (e.startsWith("mariadb")) continue;
            JsonNode report = JSON.readTree(whole.resolve(e.replace(':', '-')).resolve("report.json").toFile());
            assertThat(report.get("engine").get("version").asText()).startsWith(e.substring("postgres:".length()) + ".");
            assertThat(report.get("run").get("command").asText()).contains("rehearse run", "--engine " + e);
        }
        JsonNode rewrite = difference(m, 1, "rewrite");
        assertThat(rewrite).as(m.toPrettyString()).isNotNull();
        for (String e : ENGINES) {
            if (e.startsWith("mariadb")) continue; // an INSTANT ADD COLUMN: no rebuild either, from InnoDB's table id
            assertThat(rewrite.get("byEngine").get(e).asBoolean()).as(e).isEqualTo(e.equals("postgres:10"));
        }
        // the same ALTER, and what each measured of it, is in the engines' own reports
        JsonNode ten = JSON.readTree(whole.resolve("postgres-10/report.json").toFile()).get("statements").get(0);
        assertThat(ten.get("rewrote").toString()).contains("accounts");
        JsonNode sixteen = JSON.readTree(whole.resolve("postgres-16/report.json").toFile()).get("statements").get(0);
        assertThat(sixteen.get("rewrote")).isEmpty();
        assertThat(wholeRun.out()).contains("Differences", "rewrite", "postgres:10", "postgres:16");
        if (ENGINES.contains("postgres:12")) {
            JsonNode scan = difference(m, 3, "scan");
            assertThat(scan).as(m.toPrettyString()).isNotNull();
            for (String e : List.of("postgres:10", "postgres:11")) assertThat(scan.get("byEngine").get(e).asBoolean()).as(e).isTrue();
            for (String e : List.of("postgres:12", "postgres:16", "postgres:17")) {
                assertThat(scan.get("byEngine").get(e).asBoolean()).as(e).isFalse();
            }
        }
        if (ENGINES.contains("mariadb:10.11")) {
            JsonNode maria = engine(m, "mariadb:10.11");
            assertThat(maria.get("status").asText()).isEqualTo("incompatible");
            assertThat(maria.get("error").asText()).contains("V2__code_not_null.sql:2");
            assertThat(maria.get("report").asText()).isEqualTo("mariadb-10.11/report.json"); // what ran is reported
        }
    }

    @Test
    void threeShardsMergeIntoTheWholeMatrix() throws Exception {
        List<String> shardDirs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Path dir = root.resolve("shard-" + i);
            CliTest.Outcome r = rehearse("matrix", scenario.toString(), "--engines", String.join(",", ENGINES), "--out",
                    dir.toString(), "--fail-on", "never", "--pending", root.resolve("migrations").toString(),
                    "--shard", i + "/3", "--compare", whole.toString());
            assertThat(r.code()).as(r.err()).isZero();
            JsonNode m = JSON.readTree(dir.resolve("matrix.json").toFile());
            assertThat(m.get("shard").get("index").asInt()).isEqualTo(i);
            for (JsonNode e : m.get("engines")) {
                assertThat(ENGINES.indexOf(e.get("engine").asText()) % 3 + 1).isEqualTo(i); // round-robin
                // each engine's run compared with the whole matrix's run of it (a count: timings may still regress)
                assertThat(e.get("regressions").isInt()).as(e.toString()).isTrue();
                JsonNode comparison = JSON.readTree(dir.resolve(e.get("report").asText()).toFile()).get("comparison");
                assertThat(comparison.get("previous").asText()).contains("whole");
                assertThat(comparison.get("unmatched").asInt()).isZero();
            }
            shardDirs.add(dir.toString());
        }
        Path merged = root.resolve("merged");
        List<String> args = new ArrayList<>(List.of("report", "merge"));
        args.addAll(List.of(shardDirs.get(2), shardDirs.get(0), shardDirs.get(1))); // any order: the units decide
        args.addAll(List.of("--out", merged.toString(), "--fail-on", "never"));
        CliTest.Outcome r = rehearse(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(deterministic(JSON.readTree(merged.resolve("matrix.json").toFile())))
                .isEqualTo(deterministic(JSON.readTree(whole.resolve("matrix.json").toFile())));
        for (String e : ENGINES) assertThat(merged.resolve(e.replace(':', '-')).resolve("report.json")).exists();
        assertThat(r.out()).contains("Differences", "rewrite");

        // a shard missing from the merge is said, and the merge exits 3
        Path partial = root.resolve("partial");
        CliTest.Outcome missing = rehearse("report", "merge", shardDirs.get(0), "--out", partial.toString(),
                "--fail-on", "never");
        assertThat(missing.code()).isEqualTo(3);
        assertThat(missing.err()).contains("merge: no shard ran " + ENGINES.get(1));
    }

    @Test
    void invalidShardsAndEnginesAreOneLineAndExitTwoBeforeAnyServerStarts() {
        for (String[] args : List.of(
                new String[] {"--engines", "postgres:12,postgres:16", "--shard", "4/3"},
                new String[] {"--engines", "postgres:12,postgres:16", "--shard", "0/3"},
                new String[] {"--engines", "postgres:12,postgres:16", "--shard", "one/three"},
                new String[] {"--engines", "postgres:12,oracle:19"},
                new String[] {"--engines", "postgres:12,postgres:12"},
                new String[] {"--engines", "postgres:12", "--engine", "postgres:16"})) {
            List<String> argv = new ArrayList<>(List.of("matrix", scenario.toString(), "--out",
                    root.resolve("never").toString()));
            argv.addAll(List.of(args));
            CliTest.Outcome r = rehearse(argv.toArray(String[]::new));
            assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
            assertThat(r.err()).startsWith("rehearse: ").doesNotContain("Exception", "\tat ").doesNotContain("provision:");
        }
        assertThat(rehearse("matrix", scenario.toString(), "--engines", "postgres:12", "--shard", "4/3").err())
                .contains("--shard 4/3: expected 1 <= i <= n");
        assertThat(rehearse("matrix", scenario.toString(), "--engines", "postgres:12,oracle:19").err())
                .contains("unknown engine 'oracle:19'");
        assertThat(root.resolve("never")).doesNotExist();
    }

    private static JsonNode difference(JsonNode matrix, int statement, String field) {
        for (JsonNode d : matrix.get("differences")) {
            if (d.get("statementIndex").asInt(-1) == statement && d.get("field").asText().equals(field)) return d;
        }
        return null;
    }

    private static JsonNode engine(JsonNode matrix, String engine) {
        for (JsonNode e : matrix.get("engines")) if (e.get("engine").asText().equals(engine)) return e;
        return null;
    }

    /**
     * The parts a rehearsal repeats exactly: engines, versions and statuses, and the differences of what the statements
     * did. Not their timings, which vary run to run, nor the findings' status and the verdict: a finding needs lock
     * evidence, and whether the 10 ms sampler saw a lock a small table's rewrite held for a few ms varies (measured
     * here: PostgreSQL 10's add-column-rewrite FLAG in one run, not in the next, on 3,000 rows).
     */
    private static String deterministic(JsonNode m) {
        StringBuilder out = new StringBuilder(m.get("units").toString()).append('\n');
        for (JsonNode e : m.get("engines")) {
            out.append(e.get("engine").asText()).append(' ').append(e.get("version").asText()).append(' ')
                    .append(e.get("status").asText()).append(' ').append(e.get("report").asText()).append('\n');
        }
        for (JsonNode d : m.get("differences")) {
            if (List.of("lockHoldMs", "durationMs", "blockedQueries", "status", "verdict").contains(d.get("field").asText())) {
                continue;
            }
            out.append(d.get("statementIndex").asText()).append(' ').append(d.get("field").asText()).append(' ')
                    .append(d.get("sql").asText()).append(' ').append(d.get("byEngine").toString()).append('\n');
        }
        return out.toString();
    }
}
