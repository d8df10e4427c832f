package dev.rehearse.engine.postgres;

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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An external primary's existing standby ({@code replica.url}), watched as it is: nothing is started or stopped, and
 * the model's settings, which would mean reconfiguring someone else's server, are not applied (said so once).
 */
final class ExternalPostgresReplicas implements ReplicaSupport {

    @Override
    public Running start(Database primary, Scenario.Replica settings, Consumer<String> progress) {
        Scenario.External x = settings.external();
        if (x.url() == null || x.url().isBlank()) {
            throw new InvalidInputException("replica.url: an external primary's replica is the standby already"
                    + " streaming from it; give its JDBC URL as replica.url (with user and password)");
        }
        String version;
        try (Connection c = DriverManager.getConnection(x.url(), x.user(), x.password()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery(), current_setting('server_version')")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                throw new InvalidInputException("replica.url: " + Secrets.mask(x.url()) + " is not a standby (pg_is_in_recovery() is false)");
            }
            version = rs.getString(2);
        } catch (SQLException e) {
            throw new RehearsalFailedException("cannot connect to the replica " + Secrets.mask(x.url()) + ": "
                    + Secrets.mask(e.getMessage(), x.password()), e);
        }
        List<String> ignored = new ArrayList<>();
        if (settings.applyRateBytesPerSecond() != null) ignored.add("apply_rate");
        if (settings.applyDelayMs() != null) ignored.add("apply_delay");
        if (settings.maxStandbyStreamingDelayMs() != null) ignored.add("max_standby_streaming_delay");
        if (settings.hotStandbyFeedback() != null) ignored.add("hot_standby_feedback");
        if (!ignored.isEmpty()) {
            progress.accept("replica: an external replica is watched as it is; " + String.join(", ", ignored) + " not applied");
        }
        Database replica = new Database(EngineSpec.Kind.POSTGRES, Provider.EXTERNAL, x.url(), x.user(), x.password(),
                version, PostgresEngine::connectionProperties, () -> { });
        return new PostgresReplica(primary, replica, null, "an existing standby, as it is configured", () -> { });
    }
}
