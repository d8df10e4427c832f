package dev.rehearse.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What a run leaves or needs outside its report, through the tool as CI runs it. */
class LeftoversCliTest {

    private record Ran(int exit, String output) {}

    private static Ran run(java.util.Map<String, String> env, List<String> jvm, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvm);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.rehearse.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Ran(p.exitValue(), out);
    }

    private static List<Path> socketDirectories() throws Exception {
        try (var s = Files.list(Path.of("/tmp"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("rehearse-sock-")).toList();
        }
    }

    @Test
    void doctorCleanupRemovesAnInterruptedExtraction(@TempDir Path cache) throws Exception {
        Path killed = Files.createDirectories(cache.resolve("postgres/16.99.0.staging-42"));
        Files.writeString(killed.resolve("half"), "x");

        Ran r = run(java.util.Map.of("REHEARSE_CACHE", cache.toString()), List.of(), "doctor", "--cleanup");

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("removed interrupted extraction " + killed);
        assertThat(killed).doesNotExist();
    }

    @Test
    void aLongTemporaryDirectoryDoesNotStopPostgresFromStarting() throws Exception {
        // traversable by the unprivileged database user, and far longer than a Unix socket's path may be
        Path tmp = Path.of("/tmp", "rehearse-long-tmpdir-" + "t".repeat(100) + "-" + ProcessHandle.current().pid());
        Files.createDirectories(tmp);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        try {
            Path dir = Files.createDirectories(tmp.resolve("work"));
            List<Path> socketsBefore = socketDirectories();
            Path migration = Files.writeString(dir.resolve("001.sql"), "ALTER TABLE accounts ADD COLUMN note text;\n");
            Ran r = run(java.util.Map.of(), List.of("-Djava.io.tmpdir=" + tmp), "run",
                    "--schema", Path.of("scenarios/set-not-null/schema.sql").toAbsolutePath().toString(),
                    "--migrations", migration.toString(), "--rows", "accounts=100", "--no-load",
                    "--report", "json", "--out", dir.resolve("out").toString());
            assertThat(r.exit()).as(r.output()).isIn(0, 1);
            assertThat(r.output()).doesNotContain("too long");
            assertThat(dir.resolve("out/report.json")).exists();
            assertThat(socketDirectories()).as("the short socket directory went with the run").isSubsetOf(socketsBefore);
        } finally {
            dev.rehearse.provision.RunDirectories.deleteTree(tmp);
        }
    }
}
