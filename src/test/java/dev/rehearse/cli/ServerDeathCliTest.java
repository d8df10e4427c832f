package dev.rehearse.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server killed under a running rehearsal (the postmaster, SIGKILL): exit 3, one message that says the server
 * terminated with the end of its log, the report of what ran, nothing left behind and no stack trace.
 */
class ServerDeathCliTest {

    @Test
    void aPostmasterKilledMidRunEndsWithExit3ItsLogAndAPartialReport(@TempDir Path dir) throws Exception {
        killedMidRun(dir, "postgres:16", "SELECT pg_sleep(120);", "postgres");
    }

    @Test
    void aMariaDbServerKilledMidRunEndsTheSameWay(@TempDir Path dir) throws Exception {
        killedMidRun(dir, "mariadb:10.11", "SELECT SLEEP(120);", "mariadbd");
    }

    private static void killedMidRun(Path dir, String engine, String sleep, String server) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Path schema = Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY, code text);\n");
        Files.writeString(migrations.resolve("001_add.sql"), "ALTER TABLE accounts ADD COLUMN note text;\n");
        Files.writeString(migrations.resolve("002_sleep.sql"), sleep + "\n");
        Files.writeString(migrations.resolve("003_drop.sql"), "ALTER TABLE accounts DROP COLUMN note;\n");
        Path out = dir.resolve("out");
        Process p = InterruptMatrixTest.tool("run", "--engine", engine, "--schema", schema.toString(),
                "--migrations", migrations.toString(),
                "--rows", "accounts=5000", "--report", "json", "--out", out.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        List<String> stderr = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream()));
        String line;
        while ((line = r.readLine()) != null && !line.contains("migrate: 002_sleep.sql")) stderr.add(line);
        assertThat(line).as("reached the sleeping migration: " + stderr).isNotNull();
        List<Path> runDirs = InterruptMatrixTest.runDirsOwnedBy(p.pid());
        assertThat(runDirs).as(String.join("\n", stderr)).hasSize(1);
        List<String> recorded = Files.readAllLines(runDirs.get(0).resolve("processes"));
        long postmaster = Long.parseLong(recorded.get(recorded.size() - 1).trim()); // initdb's first, the server last

        new ProcessBuilder("kill", "-KILL", Long.toString(postmaster)).start().waitFor();
        List<String> after = new ArrayList<>();
        while ((line = r.readLine()) != null) after.add(line);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(String.join("\n", after)).isEqualTo(Main.FAILED);
        String said = String.join("\n", after);
        assertThat(after).as(said).filteredOn(l -> l.startsWith("rehearse: the server terminated")).singleElement().asString()
                .contains(server + " (pid " + postmaster + ") was killed by signal 9 (SIGKILL)")
                .contains("its log ended: ");
        assertThat(said).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("internal error");
        String json = Files.readString(out.resolve("report.json"));
        assertThat(json).contains("Partial report: the server terminated after ");
        assertThat(runDirs.get(0)).doesNotExist();
        assertThat(InterruptMatrixTest.databaseProcessesIn(java.util.Set.copyOf(runDirs))).isEmpty();
        System.out.println(engine + " killed mid-run, stderr after the kill:\n  " + String.join("\n  ", after));
    }
}
