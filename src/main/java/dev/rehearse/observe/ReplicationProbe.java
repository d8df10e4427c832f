package dev.rehearse.observe;

/**
 * One poll of an engine's replication views into a {@link ReplicationSample}, on the sampler's connection (to the
 * server the replica names, {@code RunningReplica.sampledOn()}). A probe that also needs the other server (the
 * replica's applied position read on the replica itself) keeps its own connection and closes it in {@link #close()}.
 */
public interface ReplicationProbe extends Sampler.Probe<ReplicationSample>, AutoCloseable {

    @Override
    default void close() {}
}
