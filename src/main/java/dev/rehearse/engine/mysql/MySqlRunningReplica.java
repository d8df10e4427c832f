package dev.rehearse.engine.mysql;

import dev.rehearse.engine.ReplicaSupport;
import dev.rehearse.observe.ReplicationProbe;
import dev.rehearse.provision.Database;

/** A MySQL replica as the rehearsal uses it: sampled by binlog coordinates ({@link MySqlReplicationProbe}). */
record MySqlRunningReplica(Database primary, Database replica, String model, Runnable stop)
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
        return new MySqlReplicationProbe(primary, replica);
    }

    @Override
    public void close() {
        stop.run();
    }
}
