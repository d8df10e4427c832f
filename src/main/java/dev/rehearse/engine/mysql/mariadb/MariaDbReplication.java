package dev.rehearse.engine.mysql.mariadb;

import java.util.ArrayList;
import java.util.List;

/**
 * The server flags of binlog replication, in one place so that the provisioner's own flags stay as they are. Every
 * embedded primary writes a binlog from its first statement on: a replica started at any later point (before the
 * schema or after the seed) replays it from the start with an empty {@code gtid_slave_pos}, so it is seeded by
 * replication, with no dump and no copy of a stopped server. Row-based, as production primaries feeding gh-ost or
 * pt-osc run: a one-statement UPDATE reaches the replica as one row event per row changed, which is what it must
 * apply (MIXED would send the statement's text and hide that volume from the binlog's bytes).
 */
final class MariaDbReplication {

    /** Binlog files (and a replica's relay logs) are never rotated during a rehearsal: one file, simple distances. */
    private static final String MAX_LOG_SIZE = "--max-binlog-size=1G";

    private MariaDbReplication() {}

    /** What a server is in the replication topology of a run. */
    enum Role {
        /** The server the rehearsal migrates: writes the binlog. */
        PRIMARY(1, List.of("--log-bin=binlog", "--binlog-format=ROW", MAX_LOG_SIZE)),
        /**
         * A binlog replica: applies with one SQL thread (the server's default, slave_parallel_threads=0), read-only
         * for users, and started by {@link MariaDbReplica} ({@code CHANGE MASTER}) rather than at boot. It writes no
         * binlog of its own: nothing replicates from it.
         */
        REPLICA(2, List.of("--relay-log=relay-bin", "--skip-slave-start", "--read-only=1", MAX_LOG_SIZE,
                "--max-relay-log-size=1G"));

        private final int serverId;
        private final List<String> flags;

        Role(int serverId, List<String> flags) {
            this.serverId = serverId;
            this.flags = flags;
        }

        /** Distinct per role: a replica ignores events carrying its own server id. */
        int serverId() {
            return serverId;
        }

        /** Tells the run directories apart: {@code mariadb11.4-replica-…}. */
        String dirSuffix() {
            return this == PRIMARY ? "" : "-replica";
        }
    }

    /** The provisioner's command with the role's replication flags after its own (a later flag wins in mariadbd). */
    static List<String> withFlags(List<String> command, Role role) {
        List<String> full = new ArrayList<>(command);
        full.add("--server-id=" + role.serverId());
        full.addAll(role.flags);
        return full;
    }
}
