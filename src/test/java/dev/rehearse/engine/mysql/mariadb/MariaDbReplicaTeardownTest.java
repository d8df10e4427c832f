package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.provision.Database;
import dev.rehearse.provision.RunDirectories;
import dev.rehearse.scenario.EngineSpec;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The replica goes with its primary when the run fails and when it is interrupted, leaving no process or directory. */
class MariaDbReplicaTeardownTest {

    @Test
    void aFailureWhileReplicatingStopsBothServers() throws Exception {
        EngineSpec spec = EngineSpec.parse("mariadb:10.11");
        List<Path> before = runDirs();
        List<Long> pids = new ArrayList<>();
        assertThatThrownBy(() -> {
            try (Database primary = new EmbeddedMariaDbProvisioner().start(spec);
                 MariaDbReplica replica = MariaDbReplica.start(primary, spec)) {
                try (Connection p = primary.connect(); Connection r = replica.database().connect()) {
                    pids.add(pid(p));
                    pids.add(pid(r));
                    p.createStatement().execute("CREATE TABLE t (id int PRIMARY KEY)");
                    replica.awaitCaughtUp(60_000);
                    r.createStatement().execute("SELECT * FROM t");
                }
                throw new IllegalStateException("the rehearsal failed");
            }
        }).hasMessage("the rehearsal failed");
        assertThat(pids).hasSize(2);
        for (long pid : pids) assertThat(ProcessHandle.of(pid)).as("server pid %d", pid).isEmpty();
        assertThat(runDirs()).isSubsetOf(before);
    }

    @Test
    void sigintStopsThePrimaryAndTheReplicaAndRemovesTheirDirectories() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Holder.class.getName(), "mariadb:11.4")
                .redirectErrorStream(true).start();
        List<String> out = new ArrayList<>();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream()));
            String line;
            while ((line = lines.readLine()) != null && !line.startsWith("replicating")) out.add(line);
            assertThat(line).as(String.join("\n", out)).isNotNull();
            List<Path> mine = runDirsOf(child);
            assertThat(mine).hasSize(2);
            assertThat(mariadbdUnder(mine)).hasSize(2);

            new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(mariadbdUnder(mine)).isEmpty();
            for (Path d : mine) assertThat(d).doesNotExist();
        } finally {
            child.destroyForcibly();
        }
    }

    /** {@code run --replica} interrupted while its workload runs: the CLI's teardown stops both servers. */
    @Test
    void sigintDuringARunWithAReplicaLeavesNothingBehind(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE t (id bigint PRIMARY KEY, qty int);\n");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__add.sql"), "ALTER TABLE t ADD COLUMN note varchar(20);\n");
        Path scenario = dir.resolve("long.yaml");
        Files.writeString(scenario, """
                engine: mariadb:10.11
                schema: %s
                data: { tables: { t: 5k } }
                load: { clients: 2, rate: 50, baseline_seconds: 120 }
                replica: true
                migrations: { path: %s }
                """.formatted(dir.resolve("schema.sql"), migrations));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.rehearse.cli.Main", "run", scenario.toString(),
                "--out", dir.resolve("out").toString()).redirectErrorStream(true).start();
        List<String> out = new ArrayList<>();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream()));
            String line;
            while ((line = lines.readLine()) != null && !line.contains("load:")) out.add(line);
            assertThat(line).as(String.join("\n", out)).isNotNull();
            assertThat(out).anyMatch(l -> l.contains("replica: replayed the primary's binlog"));
            List<Path> mine = runDirsOf(child);
            assertThat(mine).as("the primary's and the replica's").hasSize(2);
            assertThat(mariadbdUnder(mine)).hasSize(2);

            new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(mariadbdUnder(mine)).isEmpty();
            for (Path d : mine) assertThat(d).doesNotExist();
        } finally {
            child.destroyForcibly();
        }
    }

    /** A primary and its replica, held until the JVM is interrupted. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            EngineSpec spec = EngineSpec.parse(args[0]);
            Database primary = new EmbeddedMariaDbProvisioner().start(spec);
            MariaDbReplica replica = MariaDbReplica.start(primary, spec);
            replica.awaitCaughtUp(60_000);
            System.out.println("replicating");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }

    private static List<ProcessHandle> mariadbdUnder(List<Path> dirs) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(cmd ->
                cmd.contains("mariadbd") && dirs.stream().anyMatch(d -> cmd.contains(d.toString()))).orElse(false)).toList();
    }

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

    private static long pid(Connection c) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT @@pid_file")) {
            rs.next();
            return Long.parseLong(Files.readString(Path.of(rs.getString(1))).trim());
        }
    }

    /** This JVM's run directories: other runs on the machine may come and go meanwhile. */
    static List<Path> runDirs() throws Exception {
        String owner = ProcessHandle.current().pid() + " ";
        try (var s = Files.list(RunDirectories.root())) {
            return s.filter(d -> {
                try {
                    return Files.readString(d.resolve("owner")).startsWith(owner);
                } catch (java.io.IOException e) {
                    return false;
                }
            }).toList();
        }
    }
}
