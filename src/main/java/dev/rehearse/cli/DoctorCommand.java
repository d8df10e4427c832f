package dev.rehearse.cli;

import dev.rehearse.engine.postgres.EmbeddedPostgresProvisioner;
import dev.rehearse.engine.postgres.PostgresBinaries;
import dev.rehearse.engine.postgres.PostgresVersions;
import dev.rehearse.provision.Database;
import dev.rehearse.provision.DockerAvailability;
import dev.rehearse.provision.OsUser;
import dev.rehearse.scenario.EngineSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code rehearse doctor}: what this machine can run, checked rather than guessed. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Report which providers and engine versions this machine can run.")
final class DoctorCommand implements Callable<Integer> {

    @Option(names = "--no-start", description = "Do not start the default embedded server to prove it works.")
    boolean noStart;

    @Override
    public Integer call() {
        System.out.println("rehearse doctor");
        System.out.println("  java            " + System.getProperty("java.version") + " (" + System.getProperty("os.name")
                + " " + System.getProperty("os.arch") + ")");
        OsUser user = OsUser.forDatabaseProcesses();
        System.out.println("  database user   " + user.name() + (user.switches()
                ? " (running as root: database processes run as this unprivileged user via setpriv)" : ""));
        Path cache = PostgresBinaries.defaultCacheRoot();
        System.out.println("  binaries cache  " + cache + (Files.isDirectory(cache) ? "" : " (created on first use)"));

        String bundled = PostgresVersions.bundled();
        List<String> extracted = new ArrayList<>();
        for (int major = PostgresVersions.MIN_MAJOR; major <= PostgresVersions.MAX_MAJOR; major++) {
            String v = PostgresVersions.artifactVersion(Integer.toString(major));
            if (Files.exists(cache.resolve("postgres").resolve(v).resolve(".complete"))) extracted.add(v);
        }
        System.out.println("  embedded        postgres:10 .. postgres:18 from Maven Central (zonky binaries);"
                + " bundled: " + bundled + "; extracted: " + (extracted.isEmpty() ? "none" : String.join(", ", extracted)));
        boolean embeddedWorks = true;
        if (!noStart) {
            long t0 = System.nanoTime();
            try (Database db = new EmbeddedPostgresProvisioner().start(EngineSpec.DEFAULT)) {
                System.out.printf("  embedded check  started PostgreSQL %s and stopped it in %.1f s: OK%n",
                        db.serverVersion(), (System.nanoTime() - t0) / 1e9);
            } catch (RuntimeException e) {
                embeddedWorks = false;
                System.out.println("  embedded check  FAILED: " + e.getMessage());
            }
        }
        DockerAvailability.Result docker = DockerAvailability.check();
        System.out.println("  docker          " + (docker.available() ? "available: postgres:<version> images via Testcontainers"
                : "unavailable: " + docker.reason()));
        System.out.println("  external        any reachable PostgreSQL via --provider external --url JDBC --allow-writes");
        System.out.println("  mysql/mariadb   not available in this build yet");
        return embeddedWorks || docker.available() ? Main.OK : Main.FAILED;
    }
}
