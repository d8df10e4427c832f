package dev.rehearse.engine;

import dev.rehearse.observe.ReplicationProbe;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.Scenario;

import java.util.function.Consumer;

/**
 * What an engine does with a replica ({@code replica:} in the scenario, {@code --replica}), for one provider: start
 * one of a provisioned primary, after its seed and before the migrations, and say how to watch it. The pipeline
 * samples it through the generic {@link dev.rehearse.observe.Sampler} into {@link dev.rehearse.observe.Timeline#REPLICATION}
 * and judges lag engine-neutrally from there.
 */
public interface ReplicaSupport {

    /**
     * A replica of {@code primary}, streaming and caught up when this returns, modelled as {@code settings} says.
     * Whatever it starts is registered for teardown on any exit (a signal included) and stopped by
     * {@link Running#close()}, which the pipeline calls before it stops the primary.
     *
     * @throws dev.rehearse.RehearsalFailedException when no replica could be started or reached
     */
    Running start(Database primary, Scenario.Replica settings, Consumer<String> progress);

    /** A replica while it runs. */
    interface Running extends AutoCloseable {

        /** The replica itself: where the workload's replica share reads. */
        Database db();

        /** The server the replication sampler's connection goes to (PostgreSQL: the primary's pg_stat_replication). */
        Database sampledOn();

        /** A new probe for one sampler, closed with it. */
        ReplicationProbe probe();

        /**
         * How the settings were applied, for the report: {@code WAL stream throttled to 20 MB/s;
         * recovery_min_apply_delay 0; max_standby_streaming_delay 30 s; hot_standby_feedback off}.
         */
        String model();

        /**
         * Whether a replica query's error is the replica cancelling it for a conflict with what it applied (PostgreSQL:
         * SQLSTATE 40001, "canceling statement due to conflict with recovery"), so the workload counts those apart.
         */
        default boolean conflictCancelled(java.sql.SQLException e) {
            return false;
        }

        /**
         * Whether the replica applies a transaction's changes whether it commits or rolls back (PostgreSQL: WAL is
         * written, streamed and replayed as the changes are made; the abort only marks them dead), so that a trial
         * run in a transaction rolled back costs the replica what the committed one would and changes no data
         * ({@code replica.tune_batches}). False where only committed transactions reach the replica (a binlog).
         */
        default boolean replaysRolledBackWork() {
            return false;
        }

        /** Stops what was started (nothing, for an external replica). */
        @Override
        void close();
    }
}
