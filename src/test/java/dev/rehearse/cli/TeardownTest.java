package dev.rehearse.cli;

import dev.rehearse.provision.RunDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rehearsal interrupted mid-run (Ctrl-C, a CI job cancelled) leaves no database process and no directory;
 * one killed outright is cleaned up by the next run.
 */
class TeardownTest {

    private static Process startLongRehearsal(Path dir) throws Exception {
        Path scenario = dir.resolve("long.yaml");
        Files.writeString(scenario, """
                engine: postgres:16
                schema: %s
                data: { tables: { accounts: 5k } }
                load: { clients: 2, rate: 50, baseline_seconds: 120 }
                migrations: { path: %s }
                """.formatted(Path.of("scenarios/set-not-null/schema.sql").toAbsolutePath(),
                Path.of("scenarios/set-not-null/unsafe").toAbsolutePath()));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.rehearse.cli.Main", "run", scenario.toString(),
                "--out", dir.resolve("out").toString())
                .redirectErrorStream(true).start();
    }

    /** Reads the child's output until the workload is running (the database is up and busy). */
    private static List<String> awaitLoad(Process p) throws Exception {
        List<String> lines = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()));
        String line;
        while ((line = r.readLine()) != null) {
            lines.add(line);
            if (line.contains("load:")) return lines;
        }
        throw new AssertionError("the rehearsal ended before its workload started: " + lines);
    }

    private static List<ProcessHandle> postgresUnder(List<Path> dirs) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(cmd ->
                cmd.contains("postgres") && dirs.stream().anyMatch(d -> cmd.contains(d.toString()))).orElse(false)).toList();
    }

    /** The run directories the child created: their owner file names its pid (other runs may share the root). */
    private static List<Path> runDirsOf(Process child) throws Exception {
        try (Stream<Path> s = Files.list(RunDirectories.root())) {
            return s.filter(d -> {
                try {
                    return Files.readString(d.resolve("owner")).startsWith(child.pid() + " ");
                } catch (Exception e) {
                    return false;
                }
            }).toList();
        }
    }

    @Test
    void sigintStopsTheDatabaseAndRemovesItsDirectory(@TempDir Path dir) throws Exception {
        Process p = startLongRehearsal(dir);
        List<String> out = awaitLoad(p);
        List<Path> mine = runDirsOf(p);
        assertThat(mine).as(String.join("\n", out)).hasSize(1);
        assertThat(postgresUnder(mine)).isNotEmpty();

        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(postgresUnder(mine)).isEmpty();
        assertThat(mine.get(0)).doesNotExist();
    }

    @Test
    void aRunKilledOutrightIsReapedByTheNext(@TempDir Path dir) throws Exception {
        Process p = startLongRehearsal(dir);
        awaitLoad(p);
        List<Path> mine = runDirsOf(p);
        assertThat(mine).hasSize(1);
        new ProcessBuilder("kill", "-KILL", Long.toString(p.pid())).start().waitFor();
        p.waitFor(30, TimeUnit.SECONDS);
        assertThat(postgresUnder(mine)).as("SIGKILL leaves the server behind").isNotEmpty();

        List<Path> reaped = RunDirectories.reapStale();
        assertThat(reaped).containsAll(mine);
        assertThat(postgresUnder(mine)).isEmpty();
        assertThat(mine.get(0)).doesNotExist();
    }
}
