package dev.rehearse.engine.mysql;

import dev.rehearse.engine.ReplicaSupport;
import dev.rehearse.observe.ReplicationProbe;
import dev.rehearse.provision.Database;

import java.util.function.BiFunction;

/**
 * A replica of the MySQL family as the rehearsal uses it, whoever runs it (a container, an embedded server, the
 * user's): sampled from the primary's side by the variant's probe (MySQL's binlog coordinates,
 * {@link MySqlReplicationProbe}; MariaDB's GTID positions); {@code stop} stops what this rehearsal started (nothing for
 * an existing replica).
 */
public record MySqlRunningReplica(Database primary, Database replica, String model, Runnable stop,
                                  BiFunction<Database, Database, ReplicationProbe> probes)
        implements ReplicaSupport.Running {

    /** MySQL proper's, sampled by binlog coordinates. */
    MySqlRunningReplica(Database primary, Database replica, String model, Runnable stop) {
        this(primary, replica, model, stop, MySqlReplicationProbe::new);
    }

    @Override
    public Database db() {
        return replica;
    }

    @Override
    public Database sampledOn() {
        return primary;
    }

    @Override
    public ReplicationProbe probe() {
        return probes.apply(primary, replica);
    }

    @Override
    public void close() {
        stop.run();
    }
}
