package dev.rehearse.cli;

import dev.rehearse.engine.Engine;
import dev.rehearse.engine.EngineRuntime;
import dev.rehearse.engine.Engines;
import dev.rehearse.provision.DockerAvailability;
import dev.rehearse.provision.BinaryCache;
import dev.rehearse.provision.OsUser;
import dev.rehearse.provision.RunDirectories;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code rehearse doctor}: what this machine can run, checked rather than guessed. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Report which providers and engine versions this machine can run.")
final class DoctorCommand implements Callable<Integer> {

    @Option(names = "--no-start", description = "Do not start the default embedded server to prove it works.")
    boolean noStart;

    @Option(names = "--cleanup", description = "Remove what killed runs left behind (their database processes, run"
            + " directories and interrupted extractions in the binaries cache), say what, and stop.")
    boolean cleanup;

    @Override
    public Integer call() {
        if (cleanup) return cleanup();
        System.out.println("rehearse doctor");
        System.out.println("  java            " + System.getProperty("java.version") + " (" + System.getProperty("os.name")
                + " " + System.getProperty("os.arch") + ")");
        OsUser user = OsUser.forDatabaseProcesses();
        System.out.println("  database user   " + user.name() + (user.switches()
                ? " (running as root: database processes run as this unprivileged user via setpriv)" : ""));
        DockerAvailability.Result docker = DockerAvailability.check();
        System.out.println("  docker          " + (docker.available() ? "available" : "unavailable: " + docker.reason()));
        boolean works = false;
        for (Engine engine : Engines.all()) {
            System.out.println("  " + engine.kind().id() + " (" + engine.versions() + ")");
            if (engine.runtime().isEmpty()) {
                System.out.println("    lint only in this build: its rules and dialect, no server to rehearse on");
                continue;
            }
            EngineRuntime.Diagnosis diagnosis = engine.runtime().get().diagnose(!noStart, docker.available());
            diagnosis.lines().forEach(l -> System.out.println("    " + l));
            works |= diagnosis.works();
        }
        return works ? Main.OK : Main.FAILED;
    }

    /** What the next run would reap on its own, on demand; live runs' directories and extractions are left alone. */
    private static int cleanup() {
        java.util.List<java.nio.file.Path> runs = RunDirectories.reapStale();
        java.util.List<java.nio.file.Path> staging = BinaryCache.reapStaging();
        runs.forEach(d -> System.out.println("removed run directory " + d + " (its processes stopped)"));
        staging.forEach(d -> System.out.println("removed interrupted extraction " + d));
        System.out.println(runs.isEmpty() && staging.isEmpty() ? "nothing to clean up under " + RunDirectories.root()
                + " and " + BinaryCache.root() : "cleaned up " + runs.size() + " run directories and " + staging.size()
                + " interrupted extractions");
        return Main.OK;
    }
}
