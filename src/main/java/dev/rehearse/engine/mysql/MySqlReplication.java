package dev.rehearse.engine.mysql;

import dev.rehearse.scenario.ServerVersion;

import java.util.List;

/**
 * MySQL's replication statements per version, the only place that knows them (MySQL manual, "Changes in MySQL
 * 8.0.22/8.0.23/8.0.26" and "What Is New in MySQL 8.4"): {@code SHOW REPLICA STATUS} and {@code START REPLICA} from
 * 8.0.22 ({@code SHOW SLAVE STATUS} / {@code START SLAVE} before, removed in 8.4), {@code CHANGE REPLICATION SOURCE
 * TO} with {@code SOURCE_*} options from 8.0.23 ({@code CHANGE MASTER TO} before, removed in 8.4), mysqldump's
 * {@code --source-data} from 8.0.26 ({@code --master-data} before). The status columns follow the statement: {@code
 * Source_*}/{@code Replica_*} with the new one, {@code Master_*}/{@code Slave_*} with the old.
 */
public final class MySqlReplication {

    private MySqlReplication() {}

    static boolean newReplicaStatements(ServerVersion v) {
        return v.atLeast(8, 0, 22);
    }

    static boolean newSourceStatement(ServerVersion v) {
        return v.atLeast(8, 0, 23);
    }

    public static String showStatus(ServerVersion v) {
        return newReplicaStatements(v) ? "SHOW REPLICA STATUS" : "SHOW SLAVE STATUS";
    }

    public static String start(ServerVersion v) {
        return newReplicaStatements(v) ? "START REPLICA" : "START SLAVE";
    }

    public static String stop(ServerVersion v) {
        return newReplicaStatements(v) ? "STOP REPLICA" : "STOP SLAVE";
    }

    /**
     * Points the replica at its source; the binlog coordinates are left to the dump that seeds it (its {@code
     * --source-data} line), which must run after this: naming a host resets them. MySQL 8's default
     * caching_sha2_password over a connection without TLS needs the source's public key, which the replica asks for.
     */
    public static String changeSource(ServerVersion v, String host, int port, String user, String password) {
        String q = "'" + password.replace("'", "''") + "'";
        if (newSourceStatement(v)) {
            return "CHANGE REPLICATION SOURCE TO SOURCE_HOST = '" + host + "', SOURCE_PORT = " + port
                    + ", SOURCE_USER = '" + user + "', SOURCE_PASSWORD = " + q
                    + ", SOURCE_CONNECT_RETRY = 1, GET_SOURCE_PUBLIC_KEY = 1";
        }
        return "CHANGE MASTER TO MASTER_HOST = '" + host + "', MASTER_PORT = " + port + ", MASTER_USER = '" + user
                + "', MASTER_PASSWORD = " + q + ", MASTER_CONNECT_RETRY = 1"
                + (v.atLeast(8, 0, 4) ? ", GET_MASTER_PUBLIC_KEY = 1" : "");
    }

    /** The replica applies each event this long after its timestamp (whole seconds). */
    public static String delay(ServerVersion v, long seconds) {
        return (newSourceStatement(v) ? "CHANGE REPLICATION SOURCE TO SOURCE_DELAY = " : "CHANGE MASTER TO MASTER_DELAY = ")
                + seconds;
    }

    /** mysqldump's option that writes the binlog coordinates of its consistent snapshot as a statement. */
    public static String dumpCoordinatesOption(ServerVersion v) {
        return v.atLeast(8, 0, 26) ? "--source-data=1" : "--master-data=1";
    }

    /** A status column by its name in either vocabulary ({@code Source_Log_File} / {@code Master_Log_File}). */
    static List<String> column(String newName) {
        String old = newName.replace("Source", "Master").replace("Replica", "Slave");
        return List.of(newName, old);
    }

    /** The replica's server flags: the family's, with its own server id and a relay log (later flags win). */
    public static List<String> replicaFlags() {
        List<String> flags = new java.util.ArrayList<>(MySqlContainers.SERVER_FLAGS);
        flags.add("--server-id=2");
        flags.add("--relay-log=relay-bin");
        return flags;
    }
}
