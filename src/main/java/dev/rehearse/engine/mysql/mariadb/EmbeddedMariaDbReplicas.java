package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.engine.mysql.MySqlRunningReplica;
import dev.rehearse.engine.ReplicaSupport;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ServerVersion;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Replicas of an embedded primary ({@link MariaDbReplica}): started after the seed, they replay the primary's binlog
 * from its start and are caught up before the model's throttle and delay apply, so the seed does not stream at the
 * modelled rate. The replica's process and run directory are registered with {@code provision.Cleanup} by the
 * provisioner, so a signal stops it as it stops the primary.
 */
final class EmbeddedMariaDbReplicas implements ReplicaSupport {

    /** Replaying a seed takes about as long as loading it did: a large seed may take minutes. */
    private static final long CATCH_UP_LIMIT_MS = 30 * 60_000;

    @Override
    public Running start(Database primary, Scenario.Replica settings, Consumer<String> progress) {
        ServerVersion v = primary.version();
        MariaDbReplica replica = MariaDbReplica.start(primary,
                new EngineSpec(EngineSpec.Kind.MARIADB, v.major() + "." + v.minor()));
        try {
            long ms = replica.awaitCaughtUp(CATCH_UP_LIMIT_MS);
            progress.accept(String.format(Locale.ROOT, "replica: replayed the primary's binlog (schema and seed) in %.1f s",
                    ms / 1000.0));
            String model = replica.applyModel(settings);
            return new MySqlRunningReplica(primary, replica.database(), model, replica::close,
                    MariaDbReplicationProbe::new);
        } catch (RuntimeException e) {
            replica.close();
            throw e;
        }
    }
}
