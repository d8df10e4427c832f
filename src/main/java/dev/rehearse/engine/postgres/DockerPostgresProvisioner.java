package dev.rehearse.engine.postgres;

import dev.rehearse.RehearsalFailedException;
import dev.rehearse.provision.Cleanup;
import dev.rehearse.provision.Database;
import dev.rehearse.provision.DockerAvailability;
import dev.rehearse.provision.Provisioner;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Provider;
import org.testcontainers.containers.Network;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * PostgreSQL in a container through Testcontainers (image {@code postgres:<version>}), for users with a
 * Docker engine. Same fast-start settings as the embedded provider; Testcontainers' reaper removes the
 * container even if this JVM is killed.
 */
final class DockerPostgresProvisioner implements Provisioner {

    /** The primary's name on its network. */
    static final String PRIMARY_ALIAS = "primary";

    /** The containers this JVM started, by their JDBC URL: a replica's start finds its primary's. */
    private static final java.util.Map<String, PostgreSQLContainer> RUNNING = new java.util.concurrent.ConcurrentHashMap<>();

    static java.util.Optional<PostgreSQLContainer> containerOf(Database db) {
        return java.util.Optional.ofNullable(RUNNING.get(db.jdbcUrl()));
    }

    @Override
    public Database start(EngineSpec spec) {
        PostgresVersions.artifactVersion(spec.version()); // same supported range as embedded
        DockerAvailability.Result docker = DockerAvailability.check();
        if (!docker.available()) {
            throw new RehearsalFailedException("--provider docker: " + docker.reason()
                    + "; use --provider embedded, or start a Docker engine");
        }
        @SuppressWarnings("resource")
        // its own network, where a replica container (--replica) reaches it by name
        Network network = Network.newNetwork();
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:" + spec.version())
                .withNetwork(network).withNetworkAliases(PRIMARY_ALIAS)
                .withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off",
                        "-c", "max_connections=200", "-c", "max_wal_size=4GB", "-c", "log_lock_waits=on");
        Cleanup.Registration stop = Cleanup.register("container postgres:" + spec.version(), () -> {
            RUNNING.values().remove(container);
            try {
                container.stop();
            } finally {
                network.close();
            }
        });
        try {
            container.start();
        } catch (RuntimeException e) {
            stop.close();
            throw new RehearsalFailedException("cannot start container postgres:" + spec.version() + ": "
                    + e.getMessage(), e);
        }
        String version;
        try (var c = java.sql.DriverManager.getConnection(container.getJdbcUrl(), container.getUsername(),
                container.getPassword()); var rs = c.createStatement().executeQuery("SHOW server_version")) {
            rs.next();
            version = rs.getString(1);
        } catch (java.sql.SQLException e) {
            stop.close();
            throw new RehearsalFailedException("container postgres:" + spec.version() + " does not answer: "
                    + e.getMessage(), e);
        }
        RUNNING.put(container.getJdbcUrl(), container);
        return new Database(EngineSpec.Kind.POSTGRES, Provider.DOCKER, container.getJdbcUrl(),
                container.getUsername(), container.getPassword(), version, PostgresEngine::connectionProperties, stop);
    }
}
