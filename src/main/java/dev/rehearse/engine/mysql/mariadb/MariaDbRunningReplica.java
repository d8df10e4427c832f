package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.engine.ReplicaSupport;
import dev.rehearse.observe.ReplicationProbe;
import dev.rehearse.provision.Database;

/**
 * A MariaDB replica as the rehearsal uses it, whoever runs it: sampled from the primary's side by GTID positions
 * ({@link MariaDbReplicationProbe}); {@code stop} stops what this rehearsal started (nothing for an existing replica).
 */
record MariaDbRunningReplica(Database primary, Database replica, String model, Runnable stop)
        implements ReplicaSupport.Running {

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
        return new MariaDbReplicationProbe(primary, replica);
    }

    @Override
    public void close() {
        stop.run();
    }
}
