package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.engine.mysql.MySqlRunningReplica;
import dev.rehearse.InvalidInputException;
import dev.rehearse.RehearsalFailedException;
import dev.rehearse.engine.ReplicaSupport;
import dev.rehearse.observe.ReplicationProbe;
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
 * The existing replica of an external primary ({@code replica.url}, {@code user}, {@code password}): watched as an
 * embedded one is, never reconfigured. It must already replicate the primary (with GTIDs, which MariaDB always
 * writes); the rehearsal waits for it to have applied the seed. The model's {@code apply_rate} and {@code apply_delay}
 * are not set on a server the rehearsal does not own: the replica lags as it does.
 */
final class ExternalMariaDbReplicas implements ReplicaSupport {

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
            MariaDbReplicationProbe.Status status = MariaDbReplicationProbe.status(c);
            if (status.error() != null) {
                throw new RehearsalFailedException("the replica at " + Secrets.mask(external.url())
                        + " is not replicating: " + status.error());
            }
            replica = new Database(EngineSpec.Kind.MARIADB, Provider.EXTERNAL, external.url(), external.user(),
                    external.password(), c.getMetaData().getDatabaseProductVersion(),
                    MariaDbEngine::connectionProperties, () -> { });
        } catch (SQLException e) {
            throw new RehearsalFailedException("cannot read the replica at " + Secrets.mask(external.url()) + ": "
                    + Secrets.mask(e.getMessage(), external.password()), e);
        }
        long ms = MariaDbReplica.awaitCaughtUp(primary, replica, CATCH_UP_LIMIT_MS);
        progress.accept("replica: " + Secrets.mask(external.url()) + " has applied the seed (waited " + ms + " ms)");
        String model = "an existing replica (its own link and apply"
                + (settings.applyRateBytesPerSecond() != null || settings.applyDelayMs() != null
                ? "; apply_rate and apply_delay are not set on a server this rehearsal does not own)" : ")");
        return new MySqlRunningReplica(primary, replica, model, () -> { },
                MariaDbReplicationProbe::new); // nothing was started
    }
}
