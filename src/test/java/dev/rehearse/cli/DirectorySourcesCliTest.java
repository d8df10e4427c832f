package dev.rehearse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.rehearse.cli.CliTest.rehearse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lint} and {@code run} on the directory-layout fixtures (src/test/resources/sources/), through the CLI, with
 * no {@code --format}: the layout decides, and each tool's wrapping decides what fails.
 */
class DirectorySourcesCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static String fixture(String path) {
        try {
            return Path.of(DirectorySourcesCliTest.class.getResource("/sources/" + path).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode lintJson(Path out, String fixture) throws Exception {
        CliTest.Outcome r = rehearse("lint", fixture(fixture), "--report", "console,json", "--out", out.toString());
        assertThat(r.err()).doesNotContain("Exception");
        JsonNode json = JSON.readTree(out.resolve("report.json").toFile());
        // exit code by the verdict, under the default --fail-on block
        assertThat(r.code()).isEqualTo(json.get("verdict").asText().equals("BLOCK") ? 1 : 0);
        return json;
    }

    private static List<String> findings(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : report.get("findings")) {
            out.add(f.get("file").asText() + ":" + f.get("line").asText() + " " + f.get("status").asText() + " " + f.get("rule").asText());
        }
        return out;
    }

    @Test
    void lintPrismaBlocksConcurrentlyInItsScriptsTransactionUpTo73ButNotFrom74(@TempDir Path dir) throws Exception {
        CliTest.Outcome r = rehearse("lint", fixture("prisma/concurrently"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("20250301000000_add_email_index/migration.sql:5  BLOCK  concurrently-in-transaction");

        JsonNode split = lintJson(dir.resolve("split"), "prisma/prisma-7.4");
        assertThat(findings(split)).noneMatch(f -> f.endsWith("concurrently-in-transaction"));
        assertThat(split.get("verdict").asText()).isNotEqualTo("BLOCK");
    }

    @Test
    void lintDrizzleBlocksConcurrentlyAndReadsOnlyTheJournalsFiles(@TempDir Path dir) throws Exception {
        JsonNode json = lintJson(dir, "drizzle/concurrently");
        assertThat(json.get("verdict").asText()).isEqualTo("BLOCK");
        assertThat(findings(json)).contains("0001_email_index.sql:2 BLOCK concurrently-in-transaction")
                .noneMatch(f -> f.startsWith("0001_abandoned_draft.sql")); // its DROP TABLE is never applied
    }

    @Test
    void lintDieselAndGolangMigrateJudgeTheUpsNeverTheDowns(@TempDir Path dir) throws Exception {
        JsonNode diesel = lintJson(dir.resolve("diesel"), "diesel/no-transaction");
        // run_in_transaction = false: the lone CONCURRENTLY runs outside a transaction, as Diesel runs it
        assertThat(findings(diesel)).noneMatch(f -> f.endsWith("concurrently-in-transaction"))
                .noneMatch(f -> f.contains("down.sql")).noneMatch(f -> f.endsWith("drop-column"))
                .anyMatch(f -> f.startsWith("20250201000000_add_email/up.sql:3 ")); // the unbatched backfill
        assertThat(diesel.get("verdict").asText()).isNotEqualTo("BLOCK");

        JsonNode golang = lintJson(dir.resolve("golang"), "golang-migrate/migrations");
        assertThat(findings(golang)).noneMatch(f -> f.contains(".down.sql")).noneMatch(f -> f.endsWith("drop-column"))
                .noneMatch(f -> f.endsWith("concurrently-in-transaction"))
                .anyMatch(f -> f.startsWith("2_backfill_status.up.sql:2 "));
    }

    @Test
    void lintDbmateJudgesEachSectionInItsOwnMode(@TempDir Path dir) throws Exception {
        JsonNode json = lintJson(dir, "dbmate");
        // the transaction:false section's CONCURRENTLY is fine, the next section's runs in dbmate's transaction
        assertThat(findings(json)).contains("20250301000000_index_status.sql:8 BLOCK concurrently-in-transaction")
                .noneMatch(f -> f.startsWith("20250301000000_index_status.sql:2 ") && f.endsWith("concurrently-in-transaction"))
                .noneMatch(f -> f.endsWith("drop-column")); // the down's DROP COLUMN is a down
    }

    @Test
    void runRehearsesGolangMigratesDownsAndTheOneThatDropsTheBackfilledColumnLosesIt(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliTest.Outcome r = rehearse("run", "--migrations", fixture("golang-migrate/migrations"), "--from", "1",
                "--rows", "accounts=1000", "--no-load", "--report", "json", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isIn(0, 1);
        JsonNode json = JSON.readTree(out.resolve("report.json").toFile());
        List<String> downs = new java.util.ArrayList<>();
        json.get("rollbacks").forEach(b -> downs.add(b.get("migration").asText() + " " + b.get("outcome").asText()));
        // last first, each down as golang-migrate sends it
        assertThat(downs).containsExactly("10_index_status_concurrently.up.sql rolled-back",
                "2_backfill_status.up.sql rolled-back");
        assertThat(json.get("rollbacks").get(1).get("lost").get(0).asText()).isEqualTo("accounts.status (1,000 values)");
        assertThat(findings(json)).anyMatch(f -> f.endsWith("rollback-loses-data"));
    }

    @Test
    void runPrismaFailsConcurrentlyAsDeployDoesAndBlocksAtTheScriptsLine(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliTest.Outcome r = rehearse("run", "--migrations", fixture("prisma/concurrently"), "--from", "20250101000000",
                "--rows", "accounts=1000", "--no-load", "--report", "json", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode json = JSON.readTree(out.resolve("report.json").toFile());
        assertThat(json.get("verdict").asText()).isEqualTo("BLOCK");
        JsonNode statements = json.get("statements");
        assertThat(statements).hasSize(2);
        JsonNode failed = statements.get(1);
        assertThat(failed.get("migration").asText()).isEqualTo("20250301000000_add_email_index/migration.sql");
        assertThat(failed.get("line").asInt()).isEqualTo(5);
        assertThat(failed.get("inTransaction").asBoolean()).isTrue();
        assertThat(failed.get("error").asText()).contains("cannot run inside a transaction block");
        assertThat(statements.get(0).get("inTransaction").asBoolean()).isTrue(); // the ALTER, rolled back with it
        assertThat(findings(json)).contains("20250301000000_add_email_index/migration.sql:5 BLOCK concurrently-in-transaction");
    }

    @Test
    void runDrizzleFailsConcurrentlyInItsTransactionAtTheFilesLine(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliTest.Outcome r = rehearse("run", "--migrations", fixture("drizzle/concurrently"), "--from", "0000",
                "--rows", "accounts=1000", "--no-load", "--report", "json", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode json = JSON.readTree(out.resolve("report.json").toFile());
        assertThat(json.get("verdict").asText()).isEqualTo("BLOCK");
        JsonNode failed = json.get("statements").get(1);
        assertThat(failed.get("migration").asText()).isEqualTo("0001_email_index.sql");
        assertThat(failed.get("line").asInt()).isEqualTo(2);
        assertThat(failed.get("error").asText()).contains("cannot run inside a transaction block");
        assertThat(findings(json)).contains("0001_email_index.sql:2 BLOCK concurrently-in-transaction");
    }

    @Test
    void lintSaysClearlyWhenPrismasProviderIsNotTheEngine(@TempDir Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("prisma/migrations/20250101000000_init"));
        java.nio.file.Files.writeString(dir.resolve("prisma/migrations/20250101000000_init/migration.sql"),
                "CREATE TABLE `accounts` (`id` BIGINT NOT NULL, PRIMARY KEY (`id`));\n");
        java.nio.file.Files.writeString(dir.resolve("prisma/migrations/migration_lock.toml"), "provider = \"mysql\"\n");
        CliTest.Outcome pg = rehearse("lint", dir.toString());
        assertThat(pg.code()).isEqualTo(1);
        assertThat(pg.out()).contains("BLOCK  migration-refused").contains("names provider \"mysql\" but this rehearsal targets postgres");
        CliTest.Outcome mysql = rehearse("lint", "--engine", "mysql:8.0", dir.toString());
        assertThat(mysql.out()).doesNotContain("migration-refused");
    }

    @Test
    void runDieselWithoutItsTransactionBuildsTheIndexConcurrently(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliTest.Outcome r = rehearse("run", "--migrations", fixture("diesel/no-transaction"), "--from", "20250201000000",
                "--rows", "accounts=1000", "--no-load", "--report", "json", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("2 deployed migrations applied");
        JsonNode json = JSON.readTree(out.resolve("report.json").toFile());
        JsonNode statements = json.get("statements");
        assertThat(statements).hasSize(1);
        JsonNode index = statements.get(0);
        assertThat(index.get("migration").asText()).isEqualTo("2025-03-01-000000_index_email_concurrently/up.sql");
        assertThat(index.get("sql").asText()).startsWith("CREATE INDEX CONCURRENTLY");
        assertThat(index.get("inTransaction").asBoolean()).isFalse();
        assertThat(index.get("error").isNull()).isTrue();
        assertThat(json.get("verdict").asText()).isNotEqualTo("BLOCK");
    }
}
