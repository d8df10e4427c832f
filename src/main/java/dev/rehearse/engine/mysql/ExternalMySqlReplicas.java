package dev.rehearse.engine.mysql;

import dev.rehearse.InvalidInputException;
import dev.rehearse.RehearsalFailedException;
import dev.rehearse.engine.ReplicaSupport;
import dev.rehearse.provision.Database;
import dev.rehearse.provision.Secrets;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Provider;
import dev.rehearse.scenario.Scenario;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * An external MySQL primary's existing replica ({@code replica.url}), watched as it is, never reconfigured, as
 * MariaDB's {@code ExternalMariaDbReplicas}: it must already replicate the primary; the rehearsal waits until it has
 * executed up to the primary's binlog position. The model's settings are not applied to a server this rehearsal does
 * not own.
 */
final class ExternalMySqlReplicas implements ReplicaSupport {

    private static final long CATCH_UP_LIMIT_MS = 30 * 60_000;

    @Override
    public Running start(Database primary, Scenario.Replica settings, Consumer<String> progress) {
        Scenario.External external = settings.external();
        if (external.url() == null || external.url().isBlank()) {
            throw new InvalidInputException("--replica with --provider external needs the replica's JDBC URL"
                    + " (replica.url in the scenario, with replica.user and replica.password)");
        }
        Database replica;
        try (Connection c = DriverManager.getConnection(external.url(), external.user(), external.password())) {
            String version = MySqlSessions.version(c);
            MySqlReplicationProbe.Status status = MySqlReplicationProbe.status(c,
                    dev.rehearse.scenario.ServerVersion.parse(version));
            if (status.error() != null) {
                throw new RehearsalFailedException("the replica at " + Secrets.mask(external.url())
                        + " is not replicating: " + status.error());
            }
            replica = new Database(EngineSpec.Kind.MYSQL, Provider.EXTERNAL, external.url(), external.user(),
                    external.password(), version, MySqlEngine::connectionProperties, () -> { });
        } catch (SQLException e) {
            throw new RehearsalFailedException("cannot read the replica at " + Secrets.mask(external.url()) + ": "
                    + Secrets.mask(e.getMessage(), external.password()), e);
        }
        long ms = DockerMySqlReplicas.awaitCaughtUp(primary, replica, CATCH_UP_LIMIT_MS);
        progress.accept("replica: " + Secrets.mask(external.url()) + " has applied the seed (waited " + ms + " ms)");
        String model = "an existing replica (its own link and apply"
                + (settings.applyRateBytesPerSecond() != null || settings.applyDelayMs() != null
                ? "; apply_rate and apply_delay are not set on a server this rehearsal does not own)" : ")");
        return new MySqlRunningReplica(primary, replica, model, () -> { }); // nothing was started
    }
}
