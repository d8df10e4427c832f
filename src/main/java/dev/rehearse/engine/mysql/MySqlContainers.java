package dev.rehearse.engine.mysql;

import dev.rehearse.RehearsalFailedException;
import dev.rehearse.provision.Cleanup;
import dev.rehearse.provision.Database;
import dev.rehearse.provision.DockerAvailability;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Provider;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.containers.Network;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A MySQL-family server in a container through Testcontainers, for MySQL's and MariaDB's Docker provisioners alike:
 * the server flags the samplers and the loader need, the Docker check before anything starts, and the container's
 * removal on every exit (Testcontainers' reaper removes it even if this JVM is killed).
 */
public final class MySqlContainers {

    /** The database the rehearsal works in, as the embedded MariaDB names it. */
    public static final String DATABASE = "rehearse";
    public static final String USER = "root";
    public static final String PASSWORD = "rehearse";

    /**
     * The server flags, after the image's entrypoint (which prepends {@code mysqld}/{@code mariadbd}):
     * performance_schema with the metadata-lock instrument (MySQL 5.7 ships it off) and the ALTER stage instruments
     * ({@link AlterStages#INSTRUMENTS}; MySQL ships the InnoDB ones off: manual, "Monitoring ALTER TABLE Progress for
     * InnoDB Tables Using Performance Schema") with the {@code events_stages_current} consumer (what that page
     * enables; the per-thread summary the probe reads needs only the thread instrumentation, on by default), the
     * unknown names matching no instrument where a server lacks them, row-based binary logging with a
     * server id (what a replica and binlog bytes need), {@code local_infile} for the loader; redo-log flushing and the
     * doublewrite buffer off, since a rehearsal measures locks and rebuilds, not disk flushes.
     */
    public static final List<String> SERVER_FLAGS = Stream.concat(Stream.of(
            "--performance-schema=ON",
            "--performance-schema-instrument=wait/lock/metadata/sql/mdl=ON",
            "--performance-schema-consumer-events-stages-current=ON",
            "--log-bin=binlog",
            "--server-id=1",
            "--binlog-format=ROW",
            "--local-infile=1",
            "--max-connections=200",
            "--innodb-buffer-pool-size=256M",
            "--innodb-flush-log-at-trx-commit=0",
            "--innodb-doublewrite=OFF",
            "--max-allowed-packet=64M"),
            AlterStages.INSTRUMENTS.stream().map(stage -> "--performance-schema-instrument=" + stage + "=ON")).toList();

    private MySqlContainers() {}

    /**
     * Fails with one line, before any container is made, where no Docker engine answers.
     *
     * @param otherwise the providers that would serve instead, for the message
     */
    public static void requireDocker(String otherwise) {
        DockerAvailability.Result docker = DockerAvailability.check();
        if (!docker.available()) {
            throw new RehearsalFailedException("--provider docker: " + docker.reason()
                    + "; start a Docker engine, or use " + otherwise);
        }
    }

    /**
     * Starts the container (configured with {@link #DATABASE}, {@link #USER}, {@link #PASSWORD} and
     * {@link #SERVER_FLAGS}) and hands it over as a {@link Database} whose close removes it.
     *
     * @param urlSuffix what the engine's driver needs appended to the container's JDBC URL (or "")
     */
    public static Database start(JdbcDatabaseContainer<?> container, String image, EngineSpec.Kind kind,
                                 String urlSuffix, Function<String, Properties> roleProperties) {
        return start(container, image, kind, urlSuffix, roleProperties, null);
    }

    /**
     * {@link #start(JdbcDatabaseContainer, String, EngineSpec.Kind, String, Function)} for a replica: on the primary's
     * network ({@code primaryNetwork}), which the primary's removal removes. A primary ({@code primaryNetwork} null)
     * gets a network of its own, where it is {@link #PRIMARY_ALIAS}, so that a replica container reaches it by name.
     */
    public static Database start(JdbcDatabaseContainer<?> container, String image, EngineSpec.Kind kind,
                                 String urlSuffix, Function<String, Properties> roleProperties, Network primaryNetwork) {
        Network network = primaryNetwork != null ? primaryNetwork : Network.newNetwork();
        container.withNetwork(network);
        if (primaryNetwork == null) container.withNetworkAliases(PRIMARY_ALIAS);
        Cleanup.Registration stop = Cleanup.register("container " + image, () -> {
            RUNNING.values().remove(container);
            try {
                container.stop();
            } finally {
                if (primaryNetwork == null) network.close();
            }
        });
        try {
            container.start();
        } catch (RuntimeException e) {
            stop.close();
            throw new RehearsalFailedException("cannot start container " + image + ": " + e.getMessage(), e);
        }
        String base = container.getJdbcUrl();
        String url = urlSuffix.isEmpty() ? base : base + (base.contains("?") ? "&" : "?") + urlSuffix;
        String version;
        try (Connection c = DriverManager.getConnection(url, container.getUsername(), container.getPassword());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            version = rs.getString(1);
        } catch (SQLException e) {
            stop.close();
            throw new RehearsalFailedException("container " + image + " does not answer: " + e.getMessage(), e);
        }
        RUNNING.put(url, container);
        return new Database(kind, Provider.DOCKER, url, container.getUsername(), container.getPassword(), version,
                roleProperties, stop);
    }

    /**
     * Runs a shell script in a container (the image's own clients: mysqldump, pg_basebackup) and fails with its
     * output when it exits non-zero.
     */
    public static void exec(org.testcontainers.containers.GenericContainer<?> container, String what, String script) {
        try {
            var result = container.execInContainer("sh", "-c", script);
            if (result.getExitCode() != 0) {
                throw new RehearsalFailedException(what + " failed (exit " + result.getExitCode() + "): "
                        + (result.getStderr() + result.getStdout()).strip());
            }
        } catch (java.io.IOException e) {
            throw new RehearsalFailedException(what + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RehearsalFailedException(what + " was interrupted", e);
        }
    }

    /** The name a primary container has on its network. */
    public static final String PRIMARY_ALIAS = "primary";

    /** The containers this JVM started, by the JDBC URL their {@link Database} has: a replica's start finds its primary. */
    private static final java.util.Map<String, JdbcDatabaseContainer<?>> RUNNING = new java.util.concurrent.ConcurrentHashMap<>();

    /** The container behind a {@link Database} this class started; empty for any other. */
    public static java.util.Optional<JdbcDatabaseContainer<?>> containerOf(Database db) {
        return java.util.Optional.ofNullable(RUNNING.get(db.jdbcUrl()));
    }
}
