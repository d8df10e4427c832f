package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.observe.ReplicationProbe;
import dev.rehearse.observe.ReplicationSample;
import dev.rehearse.provision.Database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One poll of how far a binlog replica is behind its primary, finer than {@code Seconds_Behind_Master} (whole
 * seconds, from the event's timestamp, which is the statement's start on the primary: a 10 s UPDATE reads 10 s behind
 * the moment the replica begins applying it). Sampled on the primary; the replica is read on the probe's own
 * connection.
 *
 * <p><b>Lag</b> is how long ago the primary was last seen where the replica has applied up to: the primary's
 * {@code @@gtid_binlog_pos} is read every {@link #WATCH_INTERVAL_MS} on a connection of the probe's own (and at every
 * poll), the replica's {@code @@gtid_slave_pos} (updated in the transaction that applies each one) says what it has
 * applied, and the lag is the time since the last reading at which the primary had nothing the replica lacks (0 while
 * it has everything). Both servers are read from this JVM, so one clock
 * ({@link System#nanoTime()}) times both and no heartbeat table is written (its events and locks would be in what the
 * rehearsal measures, and would need hiding from its reports); the reading is high by at most one watch interval. Not
 * {@link dev.rehearse.observe.PositionClock}'s "first seen past": a binlog takes a transaction whole at its commit, so
 * a 10 s UPDATE is first seen only after it ended, and its lag would date from after it, not from within it, where
 * the analysis looks for it (and the watch's 10 ms, not the sampler's 100 ms, keeps a statement of a few hundred ms
 * from being dated before it began). <b>Bytes</b> are binlog offsets counted across the primary's files: its end ({@code SHOW
 * MASTER STATUS}) and what the replica has executed ({@code Relay_Master_Log_File} / {@code Exec_Master_Log_Pos},
 * which are the primary's coordinates). {@code Seconds_Behind_Master} is kept as the server's own replay lag.
 *
 * <p>A replication thread stopped on an error fails the poll with the server's message: the sampler reports it and,
 * when it persists, stops. One sampler polls one probe.
 */
public final class MariaDbReplicationProbe implements ReplicationProbe {

    /** What {@code SHOW SLAVE STATUS} says (the columns the probe reads). */
    record Status(String masterLogFile, long readMasterLogPos, String relayMasterLogFile, long execMasterLogPos,
                  Long secondsBehindMaster, String gtidSlavePos, String error) {}

    /** The primary was sampled at {@code seq} from {@code firstNanos} to {@code lastNanos}. */
    private static final class Mark {
        final long seq;
        final long firstNanos;
        long lastNanos;

        Mark(long seq, long atNanos) {
            this.seq = seq;
            this.firstNanos = atNanos;
            this.lastNanos = atNanos;
        }
    }

    /** How often the watch reads the primary's position: the precision of the time a commit is dated to. */
    static final int WATCH_INTERVAL_MS = 10;

    private final Database primary;
    private final Database replica;
    private Connection replicaConnection;
    private final Map<Long, Deque<Mark>> marks = new HashMap<>();
    private String firstBinlog;
    private Thread watch;
    private volatile boolean watching = true;
    private volatile String watchFailure;

    /**
     * @param primary watched on the probe's own connection every {@link #WATCH_INTERVAL_MS}, from the first poll
     *                until the probe closes; null: dated by the polls alone
     * @param replica read on the probe's own connection, opened at the first poll and closed with the probe
     */
    public MariaDbReplicationProbe(Database primary, Database replica) {
        this.primary = primary;
        this.replica = replica;
    }

    @Override
    public ReplicationSample sample(Connection primary) throws SQLException {
        if (watch == null && this.primary != null) startWatch();
        if (watchFailure != null) throw new SQLException("watching the primary's position failed: " + watchFailure);
        if (replicaConnection == null) replicaConnection = replica.connect("rehearse-replication");
        try {
            return sample(primary, replicaConnection);
        } catch (SQLException e) {
            if (!replicaConnection.isValid(1)) {
                replicaConnection.close();
                replicaConnection = null; // the next poll reconnects
            }
            throw e;
        }
    }

    /** Polls the primary, then the replica (a commit in between only makes the replica look ahead: lag 0). */
    ReplicationSample sample(Connection primary, Connection replica) throws SQLException {
        long now = System.nanoTime();
        String primaryGtid;
        String file;
        long position;
        try (Statement s = primary.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT @@gtid_binlog_pos")) {
                rs.next();
                primaryGtid = rs.getString(1);
            }
            try (ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
                if (!rs.next()) throw new SQLException("the primary writes no binlog");
                file = rs.getString("File");
                position = rs.getLong("Position");
            }
        }
        Status status = status(replica);
        if (status.error() != null) throw new SQLException("the replica stopped replicating: " + status.error());
        long lagNanos;
        synchronized (marks) {
            seen(now, gtids(primaryGtid));
            lagNanos = lagNanos(System.nanoTime(), gtids(status.gtidSlavePos()));
        }
        Long primaryAt = null;
        Long appliedAt = null;
        if (status.relayMasterLogFile() != null && !status.relayMasterLogFile().isEmpty()) {
            if (firstBinlog == null) firstBinlog = binlogSizes(primary).keySet().iterator().next();
            Map<String, Long> sizes = file.equals(firstBinlog) && status.relayMasterLogFile().equals(firstBinlog)
                    ? Map.of() : binlogSizes(primary);
            primaryAt = offset(sizes, file, position);
            appliedAt = Math.min(primaryAt, offset(sizes, status.relayMasterLogFile(), status.execMasterLogPos()));
        }
        Long replayMs = status.secondsBehindMaster() == null ? null : status.secondsBehindMaster() * 1000;
        return new ReplicationSample(lagNanos / 1_000_000, primaryAt == null ? null : primaryAt - appliedAt, primaryAt,
                appliedAt, null, null, replayMs, null);
    }

    /**
     * The lag at {@code now} given the primary's and the replica's positions (domain → sequence number), recording the
     * primary's as seen now.
     */
    long lagNanos(long now, Map<Long, Long> primary, Map<Long, Long> replica) {
        synchronized (marks) {
            seen(now, primary);
            return lagNanos(now, replica);
        }
    }

    /** The primary was at these positions at {@code now}. */
    private void seen(long now, Map<Long, Long> primary) {
        for (Map.Entry<Long, Long> p : primary.entrySet()) {
            Deque<Mark> domain = marks.computeIfAbsent(p.getKey(), d -> new ArrayDeque<>());
            Mark last = domain.peekLast();
            if (last != null && last.seq >= p.getValue()) last.lastNanos = Math.max(last.lastNanos, now);
            else domain.addLast(new Mark(p.getValue(), now));
        }
    }

    private long lagNanos(long now, Map<Long, Long> replica) {
        long lag = 0;
        for (Map.Entry<Long, Deque<Mark>> d : marks.entrySet()) {
            long applied = replica.getOrDefault(d.getKey(), 0L);
            Deque<Mark> domain = d.getValue();
            // Positions only grow: of the marks the replica has reached, only the latest still says anything.
            while (domain.size() > 1) {
                Mark head = domain.removeFirst();
                if (domain.peekFirst().seq > applied) {
                    domain.addFirst(head);
                    break;
                }
            }
            Mark first = domain.peekFirst();
            if (domain.peekLast().seq <= applied) continue; // caught up in this domain
            // The primary was last where the replica is at `first`; when it was past the replica at every poll, the
            // replica has lagged at least since the first of them.
            lag = Math.max(lag, now - (first.seq <= applied ? first.lastNanos : first.firstNanos));
        }
        return lag;
    }

    /**
     * Reads the primary's position every {@link #WATCH_INTERVAL_MS} on its own connection, so that a commit is dated to
     * within that, not to within the sampler's 100 ms: the analysis joins a lag with the statement running when the
     * replica's position was the primary's, and a statement shorter than the sampler's interval would otherwise be
     * dated before it began.
     */
    private void startWatch() throws SQLException {
        Connection c = primary.connect("rehearse-replication-watch");
        watch = new Thread(() -> {
            try (c; Statement s = c.createStatement()) {
                while (watching) {
                    long at = System.nanoTime();
                    try (ResultSet rs = s.executeQuery("SELECT @@gtid_binlog_pos")) {
                        rs.next();
                        Map<Long, Long> position = gtids(rs.getString(1));
                        synchronized (marks) {
                            seen(at, position);
                        }
                    }
                    Thread.sleep(WATCH_INTERVAL_MS);
                }
            } catch (SQLException | RuntimeException e) {
                if (watching) watchFailure = String.valueOf(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rehearse-replication-watch");
        watch.setDaemon(true);
        watch.start();
    }

    /** {@code 0-1-42,1-2-7} → {0: 42, 1: 7}: the sequence number reached in each replication domain. */
    static Map<Long, Long> gtids(String position) {
        Map<Long, Long> out = new LinkedHashMap<>();
        if (position == null || position.isBlank()) return out;
        for (String gtid : position.split(",")) {
            String[] parts = gtid.strip().split("-");
            if (parts.length != 3) throw new IllegalArgumentException("not a GTID: " + gtid);
            out.merge(Long.parseLong(parts[0]), Long.parseLong(parts[2]), Math::max);
        }
        return out;
    }

    /**
     * A binlog coordinate as a byte offset from the start of the primary's first file: the sizes of the files before
     * it, then the position. {@code sizes} empty: there is one file.
     */
    static long offset(Map<String, Long> sizes, String file, long position) {
        long before = 0;
        for (Map.Entry<String, Long> f : sizes.entrySet()) {
            if (f.getKey().equals(file)) return before + position;
            before += f.getValue();
        }
        return sizes.isEmpty() ? position : before + position; // a file not listed yet is the newest
    }

    private static Map<String, Long> binlogSizes(Connection primary) throws SQLException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (Statement s = primary.createStatement(); ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) sizes.put(rs.getString("Log_name"), rs.getLong("File_size"));
        }
        if (sizes.isEmpty()) throw new SQLException("the primary lists no binlog files");
        return sizes;
    }

    static Status status(Connection replica) throws SQLException {
        // Read before the status: a position older than the status's coordinates only overstates the lag.
        String slavePos;
        try (Statement s = replica.createStatement(); ResultSet rs = s.executeQuery("SELECT @@gtid_slave_pos")) {
            rs.next();
            slavePos = rs.getString(1);
        }
        try (Statement s = replica.createStatement(); ResultSet rs = s.executeQuery("SHOW SLAVE STATUS")) {
            if (!rs.next()) return new Status(null, 0, null, 0, null, slavePos, "no replication configured");
            long behind = rs.getLong("Seconds_Behind_Master");
            Long seconds = rs.wasNull() ? null : behind;
            String error = null;
            String io = rs.getString("Last_IO_Error");
            String sql = rs.getString("Last_SQL_Error");
            if (sql != null && !sql.isEmpty()) error = "SQL thread: " + sql;
            else if (!"Yes".equals(rs.getString("Slave_SQL_Running"))) error = "SQL thread not running";
            else if (io != null && !io.isEmpty() && "No".equals(rs.getString("Slave_IO_Running"))) {
                error = "IO thread: " + io;
            }
            return new Status(rs.getString("Master_Log_File"), rs.getLong("Read_Master_Log_Pos"),
                    rs.getString("Relay_Master_Log_File"), rs.getLong("Exec_Master_Log_Pos"), seconds, slavePos, error);
        }
    }

    @Override
    public void close() {
        watching = false;
        if (watch != null) {
            try {
                watch.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (replicaConnection == null) return;
        try {
            replicaConnection.close();
        } catch (SQLException e) {
            // closing a connection to a replica that is going away
        }
        replicaConnection = null;
    }
}
