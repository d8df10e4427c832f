package dev.rehearse.engine.postgres;

import dev.rehearse.engine.ReplicaSupport;
import dev.rehearse.observe.ReplicationProbe;
import dev.rehearse.provision.Database;

import java.sql.SQLException;

/** A PostgreSQL standby while a rehearsal uses it; {@code stop} ends what was started for it, once. */
final class PostgresReplica implements ReplicaSupport.Running {

    private final Database primary;
    private final Database replica;
    private final String applicationName;
    private final String model;
    private final Runnable stop;
    private boolean closed;

    /** @param applicationName its walreceiver's name in the primary's pg_stat_replication; null: the first there */
    PostgresReplica(Database primary, Database replica, String applicationName, String model, Runnable stop) {
        this.primary = primary;
        this.replica = replica;
        this.applicationName = applicationName;
        this.model = model;
        this.stop = stop;
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
        return new PostgresReplicationProbe(replica, applicationName);
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public boolean conflictCancelled(SQLException e) {
        return PostgresReplicationProbe.conflictCancelled(e);
    }

    /** A rolled-back transaction's heap and index changes are in the WAL the standby replays, as committed ones are. */
    @Override
    public boolean replaysRolledBackWork() {
        return true;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        stop.run();
    }
}
