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
 * {@code lint} and {@code run} on the Flyway fixtures (src/test/resources/sources/flyway) through the CLI: a mixed
 * script Flyway refuses is a BLOCK and the run stops before it; with {@code mixed=true} its CONCURRENTLY statement
 * runs outside a transaction, on a real embedded PostgreSQL.
 */
class FlywayCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static String fixture(String name) {
        try {
            return Path.of(FlywayCliTest.class.getResource("/sources/flyway/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void lintDetectsTheFolderAndBlocksTheRefusedMigrationAtItsLine(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliTest.Outcome r = rehearse("lint", fixture("plain"), "--report", "console,json", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("sql/V2__index_email.sql:4  BLOCK  migration-refused");
        JsonNode findings = JSON.readTree(out.resolve("report.json").toFile()).get("findings");
        List<String> refused = new ArrayList<>();
        findings.forEach(f -> {
            if (f.get("rule").asText().equals("migration-refused")) refused.add(f.get("file").asText() + ":" + f.get("line").asInt());
        });
        assertThat(refused).containsExactly("sql/V2__index_email.sql:4");

        // mixed=true: no refusal; the index is built outside a transaction, as Flyway would
        CliTest.Outcome mixed = rehearse("lint", fixture("mixed"), "--report", "json", "--out", dir.resolve("m").toString());
        JsonNode m = JSON.readTree(dir.resolve("m/report.json").toFile()).get("findings");
        m.forEach(f -> assertThat(f.get("rule").asText()).isNotIn("migration-refused", "concurrently-in-transaction"));
        assertThat(mixed.code()).as(mixed.out()).isIn(0, 1);
    }

    /** A Flyway folder for MariaDB: split by Flyway's MariaDB parser, linted and fixed at MariaDB's rules, no server. */
    @Test
    void aMariaDbFlywayFolderIsLintedAndFixedInFlywaysOwnFiles(@TempDir Path dir) throws Exception {
        Path m = java.nio.file.Files.createDirectories(dir.resolve("db/migration"));
        java.nio.file.Files.writeString(m.resolve("V1__accounts.sql"), """
                CREATE TABLE accounts (id BIGINT PRIMARY KEY, region VARCHAR(20) NOT NULL);
                DELIMITER //
                CREATE PROCEDURE touch_accounts()
                BEGIN
                  UPDATE accounts SET region = region; # a body Flyway keeps whole
                END //
                DELIMITER ;
                """);
        java.nio.file.Files.writeString(m.resolve("V2__region_idx.sql"), """
                SET SESSION lock_wait_timeout = 5;
                ALTER TABLE accounts ADD INDEX accounts_region_idx (region), ALGORITHM=COPY;
                """);
        CliTest.Outcome lint = rehearse("lint", m.toString(), "--engine", "mariadb:10.11", "--from", "1");
        assertThat(lint.out()).as(lint.err()).contains("V2__region_idx.sql:2  FLAG  mysql-copy-or-blocking-lock");
        assertThat(lint.err()).doesNotContain("PostgreSQL only");
        CliTest.Outcome fix = rehearse("fix", m.toString(), "--engine", "mariadb:10.11", "--from", "1", "--write");
        assertThat(fix.code()).as(fix.out() + fix.err()).isZero();
        assertThat(java.nio.file.Files.readString(m.resolve("V2__region_idx.sql")))
                .contains("ALTER TABLE accounts ADD INDEX accounts_region_idx (region), ALGORITHM=INPLACE, LOCK=NONE;");
        assertThat(rehearse("lint", m.toString(), "--engine", "mariadb:10.11", "--from", "1", "--fail-on", "flag").code()).isZero();
    }

    @Test
    void runStopsAtTheRefusedMigrationAndRunsNothingAfterIt(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliTest.Outcome r = rehearse("run", "--format", "flyway", "--migrations", fixture("plain"), "--pending", fixture("plain"), "--no-load",
                "--report", "json", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("refused by its tool: Detected both transactional and non-transactional statements");
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        assertThat(report.get("verdict").asText()).isEqualTo("BLOCK");
        List<String> ran = new ArrayList<>();
        report.get("statements").forEach(s -> ran.add(s.get("migration").asText()));
        assertThat(ran).containsExactly("sql/V1__create_accounts.sql", "sql/V1.9__add_created_at.sql",
                "sql/V1.10__add_email.sql", "sql/V1.10__add_email.sql", "sql/V1.10__add_email.sql");
        List<String> rules = new ArrayList<>();
        report.get("findings").forEach(f -> rules.add(f.get("rule").asText()));
        assertThat(rules).contains("migration-refused");
        report.get("statements").forEach(s -> assertThat(s.get("error").isNull()).as(s.toString()).isTrue());
    }

    @Test
    void runWithMixedTrueBuildsTheIndexOutsideATransaction(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliTest.Outcome r = rehearse("run", "--format", "flyway", "--migrations", fixture("mixed"), "--pending", fixture("mixed"), "--no-load",
                "--report", "json", "--out", out.toString());
        JsonNode statements = JSON.readTree(out.resolve("report.json").toFile()).get("statements");
        JsonNode index = null, vacuum = null, create = null;
        for (JsonNode s : statements) {
            assertThat(s.get("error").isNull()).as(s.toString()).isTrue();
            String sql = s.get("sql").asText();
            if (sql.startsWith("CREATE INDEX CONCURRENTLY")) index = s;
            if (sql.startsWith("VACUUM")) vacuum = s;
            if (sql.startsWith("CREATE TABLE")) create = s;
        }
        assertThat(r.code()).as(r.err()).isIn(0, 1);
        assertThat(statements).hasSize(9); // V1 1, V1.10 3, V2 2, V3 1, V4 2: all ran
        assertThat(index).isNotNull();
        assertThat(index.get("inTransaction").asBoolean()).isFalse();
        assertThat(index.get("line").asInt()).isEqualTo(4);
        assertThat(vacuum.get("inTransaction").asBoolean()).isFalse(); // V4__backfill_status.sql.conf
        assertThat(create.get("inTransaction").asBoolean()).isTrue(); // a file without one is still wrapped
    }

    /** Flyway runs every migration on one connection and resets only the role: a file's SET lasts for the ones after. */
    @Test
    void aLockTimeoutSetInOneFileBoundsTheLockWaitOfTheNext(@TempDir Path dir) throws Exception {
        Path schema = java.nio.file.Files.writeString(dir.resolve("schema.sql"),
                "CREATE TABLE accounts (id bigint PRIMARY KEY, name text);\n");
        Path project = java.nio.file.Files.createDirectories(dir.resolve("project"));
        java.nio.file.Files.writeString(project.resolve("flyway.conf"), "flyway.locations=filesystem:sql\n");
        Path sql = java.nio.file.Files.createDirectories(project.resolve("sql"));
        java.nio.file.Files.writeString(sql.resolve("V1__timeouts.sql"), "SET lock_timeout = '300ms';\n");
        java.nio.file.Files.writeString(sql.resolve("V2__note.sql"), "ALTER TABLE accounts ADD COLUMN note text;\n");
        Path out = dir.resolve("out");
        CliTest.Outcome r = rehearse("run", "--format", "flyway", "--schema", schema.toString(), "--migrations",
                project.toString(), "--rows", "accounts=1000", "--no-load", "--long-transaction", "3s",
                "--report", "json", "--out", out.toString());
        JsonNode statements = JSON.readTree(out.resolve("report.json").toFile()).get("statements");
        assertThat(statements).as(r.err()).hasSize(2);
        JsonNode alter = statements.get(1);
        assertThat(alter.get("migration").asText()).isEqualTo("sql/V2__note.sql");
        assertThat(alter.get("error").asText()).containsIgnoringCase("lock timeout");
        assertThat(alter.get("durationMs").asLong()).isBetween(250L, 2_000L);
    }
}
