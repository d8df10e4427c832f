package dev.rehearse.engine.postgres;

import dev.rehearse.provision.LocalServers;

import dev.rehearse.RehearsalFailedException;
import dev.rehearse.provision.Cleanup;
import dev.rehearse.provision.Database;
import dev.rehearse.provision.OsUser;
import dev.rehearse.provision.Provisioner;
import dev.rehearse.provision.RunDirectories;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Provider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL started from the zonky binaries on this machine: initdb into a fresh run directory, a
 * random free port on loopback, settings for fast start and bulk load, and a fast shutdown on close.
 * Durability settings (fsync, synchronous_commit) are off because the rehearsal measures locks and
 * rewrites, not disk flushes; full_page_writes stays on so WAL volume is what production writes.
 */
public final class EmbeddedPostgresProvisioner implements Provisioner {

    private static final long START_TIMEOUT_MS = 60_000;

    private final PostgresBinaries binaries;
    private final List<String> extraSettings;

    /**
     * A server this provisioner started, as a replica of it needs it: its binaries, run and data directories, port
     * and the OS user it runs as.
     */
    record Instance(EngineSpec spec, Path install, Path run, Path data, OsUser user, int port) {}

    /** The servers running now, by the Database that stops them; a replica looks its primary up here. */
    private static final java.util.Map<Database, Instance> RUNNING = new java.util.concurrent.ConcurrentHashMap<>();

    /** The embedded server behind {@code db}, while it runs; empty for any other. */
    static java.util.Optional<Instance> instance(Database db) {
        return java.util.Optional.ofNullable(RUNNING.get(db));
    }

    public EmbeddedPostgresProvisioner(PostgresBinaries binaries, List<String> extraSettings) {
        this.binaries = binaries;
        this.extraSettings = List.copyOf(extraSettings);
    }

    public EmbeddedPostgresProvisioner() {
        this(PostgresBinaries.defaultCache(), List.of());
    }

    @Override
    public Database start(EngineSpec spec) {
        String artifactVersion = PostgresVersions.artifactVersion(spec.version());
        Path install = binaries.install(artifactVersion);
        RunDirectories.reapStale();
        OsUser user = OsUser.forDatabaseProcesses();
        RunDirectories.Run runDir = RunDirectories.open("pg" + spec.major() + "-");
        Path run = runDir.path();
        Cleanup.Registration removeDir = runDir.removal();
        try {
            Path data = run.resolve("data");
            Path sockets = RunDirectories.socketDirectory(run, user);
            user.own(run);
            initdb(install, run, data, user, run.resolve("initdb.log"));
            return startServer(spec, install, run, data, sockets, user, removeDir, List.of());
        } catch (RuntimeException e) {
            removeDir.close();
            throw e;
        }
    }

    private void initdb(Path install, Path run, Path data, OsUser user, Path log) {
        List<String> command = user.command(List.of(install.resolve("bin/initdb").toString(),
                "-D", data.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "-N"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        OsUser.neutralEnvironment(pb.environment());
        try {
            // registered as it starts, and its pid recorded, so an interrupt or the next run's reaper stops it
            Cleanup.Started started = Cleanup.start(pb, "initdb", p -> RunDirectories.stopProcess(p.toHandle(), "TERM", 2_000));
            Process p = started.process();
            try {
                RunDirectories.recordProcess(run, p.pid());
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    throw new RehearsalFailedException("initdb did not finish within 120 s; see " + log);
                }
                if (p.exitValue() != 0) {
                    throw new RehearsalFailedException("initdb failed (exit " + p.exitValue() + "): " + LocalServers.tail(log)
                            + (user.switches() ? " (running as user '" + user.name() + "')" : ""));
                }
            } finally {
                started.stop().close();
            }
        } catch (IOException e) {
            throw new RehearsalFailedException("cannot run initdb from " + install + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RehearsalFailedException("interrupted while running initdb", e);
        }
    }

    /**
     * Starts the server on {@code data} (a fresh cluster, or a standby's copy of one) on a free port.
     *
     * @param roleSettings settings for this server's role ({@code name=value}), after the shared ones
     * @param removeDir removes the run directory; run when the server is stopped
     */
    Database startServer(EngineSpec spec, Path install, Path run, Path data, Path sockets, OsUser user,
                         Cleanup.Registration removeDir, List<String> roleSettings) {
        RehearsalFailedException last = null;
        // A free port can be taken by someone else between our probe and the server's bind: retry.
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = LocalServers.freePort();
            List<String> command = new ArrayList<>(List.of(install.resolve("bin/postgres").toString(),
                    "-D", data.toString(), "-p", Integer.toString(port),
                    "-c", "listen_addresses=127.0.0.1",
                    "-c", "unix_socket_directories=" + sockets,
                    "-c", "fsync=off",
                    "-c", "synchronous_commit=off",
                    "-c", "max_connections=200",
                    "-c", "shared_buffers=256MB",
                    "-c", "max_wal_size=4GB",
                    "-c", "checkpoint_timeout=30min",
                    "-c", "max_wal_senders=10",
                    "-c", "wal_level=replica",
                    "-c", "log_lock_waits=on"));
            List<String> settings = new ArrayList<>(extraSettings);
            settings.addAll(roleSettings);
            for (String setting : settings) {
                command.add("-c");
                command.add(setting);
            }
            Path log = run.resolve("postgres.log");
            ProcessBuilder pb = new ProcessBuilder(user.command(command))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            OsUser.neutralEnvironment(pb.environment());
            Process process;
            Cleanup.Registration stop;
            try {
                // INT is PostgreSQL's fast shutdown (TERM waits for clients to leave)
                Cleanup.Started started = Cleanup.start(pb, "postgres",
                        p -> RunDirectories.stopProcess(p.toHandle(), "INT", 30_000));
                process = started.process();
                stop = started.stop();
            } catch (IOException e) {
                throw new RehearsalFailedException("cannot start postgres: " + e.getMessage(), e);
            }
            RunDirectories.recordProcess(run, process.pid());
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
            try {
                String version = awaitReady(process, url, log);
                // the log's last words, read as the server dies, before its run directory is removed
                String[] lastWords = new String[1];
                process.onExit().thenRun(() -> lastWords[0] = LocalServers.tail(log));
                Process server = process;
                Cleanup.Registration stopping = stop;
                Database[] self = new Database[1];
                self[0] = new Database(EngineSpec.Kind.POSTGRES, Provider.EMBEDDED, url, "postgres", null, version,
                        PostgresEngine::connectionProperties, () -> {
                            RUNNING.remove(self[0]);
                            stop.close();
                            removeDir.close();
                        }).withTermination(() -> server.isAlive() || stopping.closed() ? null
                                : "postgres (pid " + server.pid() + ") " + LocalServers.exit(server) + "; its log ended: "
                                + (lastWords[0] != null ? lastWords[0] : LocalServers.tail(log)));
                RUNNING.put(self[0], new Instance(spec, install, run, data, user, port));
                return self[0];
            } catch (RehearsalFailedException e) {
                stop.close();
                last = e;
                if (!LocalServers.tail(log).contains("could not bind")) break;
            }
        }
        throw last;
    }

    private static String awaitReady(Process process, String url, Path log) {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new RehearsalFailedException("postgres exited during start (exit " + process.exitValue()
                        + "): " + LocalServers.tail(log));
            }
            try (Connection c = java.sql.DriverManager.getConnection(url, "postgres", null);
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW server_version")) {
                rs.next();
                return rs.getString(1);
            } catch (SQLException e) {
                LocalServers.pause(50, "postgres");
            }
        }
        throw new RehearsalFailedException("postgres did not accept connections within "
                + START_TIMEOUT_MS / 1000 + " s: " + LocalServers.tail(log));
    }

}
