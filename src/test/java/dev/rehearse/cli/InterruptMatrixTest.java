package dev.rehearse.cli;

import dev.rehearse.provision.RunDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tool as CI runs it, in a process of its own, sent SIGINT, SIGTERM and SIGKILL in each of three phases (starting
 * the server, seeding, migrating): nothing survives it, no database process and no run directory (for SIGKILL, once
 * the next run started); SIGINT and SIGTERM exit 130 and 143 with one line, and a run interrupted while migrating
 * leaves a report of what ran. Prints the interrupt table.
 */
class InterruptMatrixTest {

    enum Phase {
        STARTUP("rehearse: provision: embedded"), SEEDING("rehearse: seed:"), MIGRATING("rehearse: migrate: 002_sleep.sql");

        final String marker;

        Phase(String marker) {
            this.marker = marker;
        }
    }

    /** One child run: its output, the run directories it was seen owning, how it ended. */
    record Child(Process process, List<String> stderr, Set<Path> dirs, Thread watcher) {}

    /** The engines the matrix runs on: the embedded PostgreSQL and MariaDB, each with its own sleep. */
    enum Engine {
        POSTGRES("postgres:16", "SELECT pg_sleep(120)"), MARIADB("mariadb:10.11", "SELECT SLEEP(120)");

        final String spec, sleep;

        Engine(String spec, String sleep) {
            this.spec = spec;
            this.sleep = sleep;
        }
    }

    private static Path scenario(Path dir, Engine engine, Phase phase) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations-" + engine));
        Files.writeString(migrations.resolve("001_add.sql"), "ALTER TABLE accounts ADD COLUMN note text;\n");
        Files.writeString(migrations.resolve("002_sleep.sql"), engine.sleep + ";\n");
        Files.writeString(migrations.resolve("003_drop.sql"), "ALTER TABLE accounts DROP COLUMN note;\n");
        Path schema = engine == Engine.POSTGRES ? Path.of("scenarios/set-not-null/schema.sql").toAbsolutePath()
                : Files.writeString(dir.resolve("mariadb-schema.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY,"
                + " email varchar(200) NOT NULL, region varchar(40), created_at datetime NOT NULL, KEY accounts_region (region));\n");
        // (the secondary key: its deferral is the "seed:" line printed before the load, as PostgreSQL's key is)
        Path scenario = dir.resolve("interrupt-" + engine + "-" + phase + ".yaml");
        // seeding lasts a few seconds only where it is the phase interrupted; the sleeping migration until the signal
        Files.writeString(scenario, """
                engine: %s
                schema: %s
                data: { tables: { accounts: %s } }
                load: { clients: 2, rate: 50, baseline_seconds: 0.5, settle_seconds: 0, cooldown_seconds: 0 }
                migrations: { path: %s }
                report: { formats: [json] }
                """.formatted(engine.spec, schema, phase == Phase.SEEDING ? "1500k" : "5k", migrations));
        return scenario;
    }

    static ProcessBuilder tool(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.rehearse.cli.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static Child start(Path scenario, Path out) throws Exception {
        Process p = tool("run", scenario.toString(), "--out", out.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String> stderr = Collections.synchronizedList(new ArrayList<>());
        Set<Path> dirs = Collections.synchronizedSet(new HashSet<>());
        // the run directories it owns, seen while it runs (a signal may land before or after one is made)
        Thread watcher = new Thread(() -> {
            while (p.isAlive()) {
                dirs.addAll(runDirsOwnedBy(p.pid()));
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.setDaemon(true);
        watcher.start();
        return new Child(p, stderr, dirs, watcher);
    }

    /** Reads stderr until the phase's line, or fails when the run ends first. */
    private static void awaitPhase(Child c, Phase phase) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(c.process().getErrorStream()));
        String line;
        while ((line = r.readLine()) != null) {
            c.stderr().add(line);
            if (line.startsWith(phase.marker)) {
                Thread t = new Thread(() -> {
                    try {
                        String rest;
                        while ((rest = r.readLine()) != null) c.stderr().add(rest);
                    } catch (Exception ignored) {
                        // the child is gone
                    }
                });
                t.setDaemon(true);
                t.start();
                return;
            }
        }
        throw new AssertionError("the run ended before " + phase + ": " + c.stderr());
    }

    static List<Path> runDirsOwnedBy(long pid) {
        try (Stream<Path> s = Files.list(RunDirectories.root())) {
            return s.filter(d -> {
                try {
                    return Files.readString(d.resolve("owner")).startsWith(pid + " ");
                } catch (Exception e) {
                    return false;
                }
            }).toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    /** Database processes (servers, initdb) working in any of these directories. */
    static List<ProcessHandle> databaseProcessesIn(Set<Path> dirs) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(cmd ->
                (cmd.contains("postgres") || cmd.contains("initdb") || cmd.contains("mariadbd")) && dirs.stream().anyMatch(d -> cmd.contains(d.toString())))
                .orElse(false)).toList();
    }

    private record Outcome(Engine engine, Phase phase, String signal, int exit, double seconds, Child child, Path out) {}

    private record Case(Engine engine, Phase phase, String signal) {
        Case(Phase phase, String signal) {
            this(Engine.POSTGRES, phase, signal);
        }
    }

    /** Each phase and each signal once (SIGKILL's leftovers are checked after the next run): the CI budget. */
    @Test
    void everyPhaseAndEverySignalLeavesNothing(@TempDir Path dir) throws Exception {
        matrix(dir, List.of(new Case(Phase.STARTUP, "KILL"), new Case(Phase.SEEDING, "INT"),
                new Case(Phase.MIGRATING, "TERM"), new Case(Phase.MIGRATING, "INT"),
                new Case(Engine.MARIADB, Phase.MIGRATING, "TERM")));
    }

    /**
     * The full 3×3 matrix on each engine, about two minutes per engine here:
     * {@code mvn -Pbench -Dtest=InterruptMatrixTest test}.
     */
    @Test
    @org.junit.jupiter.api.Tag("bench")
    void theFullMatrixLeavesNothing(@TempDir Path dir) throws Exception {
        // one matrix per engine, each ending with doctor --cleanup: a SIGKILL's leftovers are the next run's to reap,
        // and the next run, if it is another engine's interrupted at startup, may be stopped before it reaps
        for (Engine engine : Engine.values()) {
            List<Case> cases = new ArrayList<>();
            for (Phase phase : Phase.values()) {
                for (String signal : List.of("INT", "TERM", "KILL")) cases.add(new Case(engine, phase, signal));
            }
            matrix(Files.createDirectories(dir.resolve(engine.name())), cases);
        }
    }

    private void matrix(Path dir, List<Case> cases) throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        List<Outcome> killed = new ArrayList<>(); // checked once the next run started
        int n = 0;
        for (Case k : cases) {
            Phase phase = k.phase();
            String signal = k.signal();
            Path out = dir.resolve("out-" + n++);
            Child c = start(scenario(dir, k.engine(), phase), out);
            awaitPhase(c, phase);
            if (phase == Phase.STARTUP) Thread.sleep(300); // inside initdb or the server's start
            if (phase == Phase.SEEDING) Thread.sleep(500); // inside the load
            long t0 = System.nanoTime();
            new ProcessBuilder("kill", "-" + signal, Long.toString(c.process().pid())).start().waitFor();
            assertThat(c.process().waitFor(60, TimeUnit.SECONDS)).as(k + " ends").isTrue();
            double seconds = (System.nanoTime() - t0) / 1e9;
            c.watcher().join(1_000);
            Outcome o = new Outcome(k.engine(), phase, signal, c.process().exitValue(), seconds, c, out);
            outcomes.add(o);
            // the previous SIGKILL's leftovers: this run started a server, so it reaped them
            for (Outcome left : killed) assertNothingLeft(left);
            killed.clear();
            if (signal.equals("KILL")) {
                assertThat(o.exit()).isEqualTo(137);
                killed.add(o);
                continue;
            }
            assertThat(o.exit()).as(k + ": " + c.stderr())
                    .isEqualTo(signal.equals("INT") ? 130 : 143);
            assertNothingLeft(o);
            List<String> after = afterMarker(c.stderr(), phase);
            assertThat(after).as("one line after the signal").hasSize(1);
            assertThat(after.get(0)).startsWith("rehearse: interrupted");
            if (phase == Phase.MIGRATING) {
                assertThat(after.get(0)).contains(out.toString());
                String json = Files.readString(out.resolve("report.json"));
                assertThat(json).contains("Partial report: the rehearsal was interrupted after 1 statement")
                        .contains("002_sleep.sql");
            }
        }
        // the last SIGKILL's leftovers, reaped on demand
        Process doctor = tool("doctor", "--cleanup").redirectErrorStream(true).start();
        String said = new String(doctor.getInputStream().readAllBytes());
        assertThat(doctor.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(doctor.exitValue()).as(said).isZero();
        for (Outcome k : killed) assertNothingLeft(k);

        System.out.println("interrupt table (engine, phase, signal: exit code, seconds from signal to exit, run"
                + " directories seen, left; database processes left)");
        for (Outcome o : outcomes) {
            System.out.printf(Locale.ROOT, "  %-8s %-9s %-4s exit %3d  %5.2f s  dirs %d, left %d; processes left %d%n",
                    o.engine(), o.phase(), o.signal(), o.exit(), o.seconds(), o.child().dirs().size(),
                    o.child().dirs().stream().filter(Files::exists).count(), databaseProcessesIn(o.child().dirs()).size());
        }
    }

    private static List<String> afterMarker(List<String> stderr, Phase phase) {
        List<String> lines = List.copyOf(stderr);
        int at = 0;
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith(phase.marker)) at = i;
        // progress lines printed before the signal landed (the next stage's first) are not the signal's
        return lines.subList(at + 1, lines.size()).stream().filter(l -> !l.startsWith("rehearse: provision:")
                && !l.startsWith("rehearse: schema:") && !l.startsWith("rehearse: seed:")).toList();
    }

    private static void assertNothingLeft(Outcome o) throws Exception {
        for (int i = 0; i < 50 && !databaseProcessesIn(o.child().dirs()).isEmpty(); i++) Thread.sleep(100);
        assertThat(databaseProcessesIn(o.child().dirs())).as(o.phase() + " " + o.signal() + " leaves no database process")
                .isEmpty();
        assertThat(o.child().dirs()).as(o.phase() + " " + o.signal() + " leaves no run directory")
                .allMatch(d -> !Files.exists(d));
        assertThat(runDirsOwnedBy(o.child().process().pid())).isEmpty();
    }
}
