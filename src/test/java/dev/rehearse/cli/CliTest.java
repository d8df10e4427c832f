package dev.rehearse.cli;

import dev.rehearse.provision.RunDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands as users and CI scripts call them: output, report files and exit codes. */
class CliTest {

    record Outcome(int code, String out, String err) {}

    static synchronized Outcome rehearse(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new Outcome(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void versionAndHelp() {
        assertThat(rehearse("--version").out()).startsWith("rehearse ");
        Outcome help = rehearse("run", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--engine", "--migrations", "--fail-on");
    }

    @Test
    void runRehearsesOnlyThePendingMigrationsOnTopOfTheDeployedOnes(@TempDir Path dir) throws Exception {
        Path schema = Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY, code text);\n");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__notes.sql"), "CREATE TABLE notes (id bigint PRIMARY KEY, account_id bigint);\n");
        Files.writeString(migrations.resolve("V2__index.sql"), "CREATE INDEX CONCURRENTLY notes_account ON notes (account_id);\n");
        Path out = dir.resolve("out");
        Outcome r = rehearse("run", "--schema", schema.toString(), "--migrations", migrations.toString(),
                "--rows", "accounts=1000", "--no-load", "--from", "1", "--report", "json", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        var statements = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("report.json").toFile())
                .get("statements");
        assertThat(statements).hasSize(1); // V1 was applied with the baseline, not rehearsed
        assertThat(statements.get(0).get("migration").asText()).isEqualTo("V2__index.sql");
        assertThat(statements.get(0).get("error").isNull()).isTrue();
        assertThat(r.err()).contains("1 deployed migrations applied");
    }

    @Test
    void withoutAPendingSetOrASchemaTheLastMigrationIsRehearsedOnTheOthersAndStderrSaysSo(@TempDir Path dir)
            throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__accounts.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY, code text);\n");
        Files.writeString(migrations.resolve("V2__notes.sql"), "CREATE TABLE notes (id bigint PRIMARY KEY, account_id bigint);\n");
        Files.writeString(migrations.resolve("V3__index.sql"), "CREATE INDEX CONCURRENTLY accounts_code ON accounts (code);\n");
        Path out = dir.resolve("out");
        Outcome r = rehearse("run", "--migrations", migrations.toString(), "--rows", "accounts=1000", "--no-load",
                "--report", "json", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        var statements = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("report.json").toFile())
                .get("statements");
        assertThat(statements).hasSize(1);
        assertThat(statements.get(0).get("migration").asText()).isEqualTo("V3__index.sql");
        assertThat(r.err()).contains("rehearsing the last migration, V3__index.sql, on the 2 before it as the baseline")
                .contains("2 deployed migrations applied");
    }

    @Test
    void aRunThatWouldRehearseNothingIsInvalidInputNotAPass(@TempDir Path dir) throws Exception {
        Outcome bare = rehearse("run", "--no-load");
        assertThat(bare.code()).as(bare.err()).isEqualTo(2);
        assertThat(bare.err().strip()).contains("no migrations to rehearse", "--migrations").doesNotContain("\n");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("README.md"), "not a migration\n");
        Outcome none = rehearse("run", "--migrations", empty.toString(), "--no-load");
        assertThat(none.code()).as(none.err()).isEqualTo(2);
        assertThat(none.err().strip()).contains(empty.toString()).doesNotContain("\n");
        Path comments = Files.createDirectories(dir.resolve("comments"));
        Files.writeString(comments.resolve("V1__nothing.sql"), "-- to do\n");
        assertThat(rehearse("run", "--migrations", comments.toString(), "--no-load").code()).isEqualTo(2);
        Path one = Files.createDirectories(dir.resolve("one"));
        Files.writeString(one.resolve("V1__t.sql"), "CREATE TABLE t (id int);\n");
        Outcome past = rehearse("run", "--migrations", one.toString(), "--from", "5", "--no-load");
        assertThat(past.code()).as(past.err()).isEqualTo(2);
        assertThat(past.err()).contains("selects none of the 1 migrations");
        assertThat(bare.err() + none.err() + past.err()).doesNotContain("provision:"); // no server was started
    }

    @Test
    void everyReportFormatTheContractNamesIsBuiltAndAnUnknownOneIsInvalidBeforeStarting() throws Exception {
        List<Path> before = runDirs();
        for (String format : dev.rehearse.report.ReportFormats.CONTRACT) {
            assertThat(dev.rehearse.report.ReportFormats.offeredBy("run")).as(format).contains(format);
        }
        Outcome pdf = rehearse("run", "scenarios/set-not-null/unsafe.yaml", "--report", "console,pdf");
        assertThat(pdf.code()).isEqualTo(2);
        assertThat(pdf.err().strip()).contains("--report", "'pdf'").doesNotContain("\n");
        assertThat(runDirs()).as("no database was started").isEqualTo(before);
    }

    @Test
    void badInputIsOneLineAndExitCodeTwoWithoutStartingADatabase(@TempDir Path dir) throws Exception {
        List<Path> before = runDirs();
        Outcome missing = rehearse("run", dir.resolve("nope.yaml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip()).contains("nope.yaml").doesNotContain("\n").doesNotContain("Exception");

        Outcome engine = rehearse("run", "--engine", "oracle:19", "--migrations", "scenarios/set-not-null/unsafe");
        assertThat(engine.code()).isEqualTo(2);
        assertThat(engine.err()).contains("unknown engine 'oracle:19'");

        Path yaml = dir.resolve("bad.yaml");
        Files.writeString(yaml, "engine: postgres:16\nload:\n  clients: [\n");
        Outcome invalid = rehearse("run", yaml.toString());
        assertThat(invalid.code()).isEqualTo(2);
        assertThat(invalid.err()).contains("bad.yaml:");

        Path unterminated = dir.resolve("V1__broken.sql");
        Files.writeString(unterminated, "ALTER TABLE t ADD COLUMN a int;\nUPDATE t SET a = 'oops;\n");
        Outcome split = rehearse("run", "--migrations", unterminated.toString());
        assertThat(split.code()).isEqualTo(2);
        assertThat(split.err().strip()).isEqualTo("rehearse: " + unterminated + ":2: unterminated quoted string");

        Outcome flag = rehearse("run", "--rows", "orders=lots");
        assertThat(flag.code()).isEqualTo(2);
        assertThat(flag.err()).contains("--rows");

        Outcome unknownFlag = rehearse("run", "--frobnicate");
        assertThat(unknownFlag.code()).isEqualTo(2);
        assertThat(runDirs()).isSubsetOf(before);
    }

    @Test
    void sqlThePostgresParserRejectsIsInvalidInputNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path schema = dir.resolve("schema.sql");
        Files.writeString(schema, "CREATE TABLE t (id bigint PRIMARY KEY, a int);\n");
        Path migration = dir.resolve("V1__typo.sql");
        Files.writeString(migration, "-- a typo on line 2\nALTER TABEL t ADD COLUMN b int;\n");
        Outcome o = rehearse("run", "--schema", schema.toString(), "--migrations", migration.toString(),
                "--rows", "t=1000", "--no-load", "--report", "json", "--out", dir.resolve("out").toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(migration + ":2: ").contains("syntax error");
    }

    @Test
    void runWritesReportsAndExitsByTheVerdictAndFailOn(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Outcome blocked = rehearse("run", "scenarios/create-index/unsafe.yaml", "--rows", "events=50k",
                "--out", out.toString(), "--fail-on", "flag");
        assertThat(blocked.code()).as(blocked.err()).isEqualTo(1);
        assertThat(blocked.out()).contains("Category", "Status", "Issue", "Recommended Action", "VERDICT:");
        assertThat(blocked.out()).contains("create-index-non-concurrent");
        assertThat(Files.readString(out.resolve("report.json"))).contains("\"verdict\"", "\"categories\"", "ShareLock");
        assertThat(out.resolve("report.md")).exists();

        Outcome never = rehearse("run", "scenarios/create-index/safe.yaml", "--rows", "events=50k",
                "--out", dir.resolve("safe").toString(), "--fail-on", "flag", "--report", "json");
        assertThat(never.code()).as(never.err()).isZero();
        assertThat(never.out()).isEmpty();
    }

    @Test
    void doctorSaysWhatThisMachineCanRun() {
        Outcome o = rehearse("doctor");
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("embedded", "bundled: 16.15.0", "docker");
    }

    static List<Path> runDirs() throws Exception {
        try (Stream<Path> s = Files.list(RunDirectories.root())) {
            return s.toList();
        }
    }
}
