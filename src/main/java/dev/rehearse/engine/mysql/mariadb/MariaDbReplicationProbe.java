package dev.rehearse.engine.mysql.mariadb;

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
 * seconds, and computed from the event's timestamp, which is the statement's start on the primary, so a 10 s
 * UPDATE reads 10 s behind the moment the replica begins it).
 *
 * <p><b>Lag</b> is how long the replica has had a transaction to apply that it has not applied: the primary's
 * {@code @@gtid_binlog_pos} is read every poll and the time each GTID sequence number was first seen is kept; the
 * replica's {@code @@gtid_slave_pos} says what it has applied (updated in the transaction that applies it), so the
 * lag is the age of the first sighting of a sequence number past the replica's, and 0 when it has them all. Both
 * servers are read from this JVM, so one clock ({@link System#nanoTime()}) times both: no heartbeat table is
 * written, which would add binlog events and locks to what the rehearsal measures and need hiding from its reports.
 * The reading is late by at most one poll interval (a commit is seen at the next poll), the resolution a 100 ms
 * pt-heartbeat gives. <b>Bytes behind</b> is the binlog distance between the primary's end ({@code SHOW MASTER
 * STATUS}) and what the replica has executed ({@code Relay_Master_Log_File} / {@code Exec_Master_Log_Pos}, in the
 * primary's coordinates); <b>bytes to receive</b> the distance to what its IO thread has read.
 *
 * <p>Not thread-safe: one sampler polls one probe.
 */
public final class MariaDbReplicationProbe {

    /**
     * One poll.
     *
     * @param lagMs              the age of the oldest transaction the replica has yet to apply; 0 when caught up
     * @param bytesBehind        binlog bytes the primary wrote that the replica has not applied; null when the replica
     *                           has not connected yet
     * @param bytesToReceive     of those, the bytes its IO thread has not received yet; null as above
     * @param secondsBehindMaster the server's own whole-second reading; null when it has none (not replicating)
     * @param error              a replication thread's last error, null while both run
     */
    public record Sample(double lagMs, Long bytesBehind, Long bytesToReceive, Long secondsBehindMaster, String error) {}

    /** What {@code SHOW SLAVE STATUS} says (the columns the probe reads). */
    record Status(String masterLogFile, long readMasterLogPos, String relayMasterLogFile, long execMasterLogPos,
                  Long secondsBehindMaster, String gtidSlavePos, String error) {}

    private record Sighting(long seq, long firstSeenNanos) {}

    private final Map<Long, Deque<Sighting>> seen = new HashMap<>();

    /** Polls the primary, then the replica (a commit in between only makes the replica look ahead: lag 0). */
    public Sample sample(Connection primary, Connection replica) throws SQLException {
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
        double lag = lagMs(now, gtids(primaryGtid), gtids(status.gtidSlavePos()));
        Long behind = null;
        Long toReceive = null;
        if (status.relayMasterLogFile() != null && !status.relayMasterLogFile().isEmpty()) {
            Map<String, Long> sizes = file.equals(status.relayMasterLogFile()) && file.equals(status.masterLogFile())
                    ? Map.of() : binlogSizes(primary);
            behind = distance(sizes, status.relayMasterLogFile(), status.execMasterLogPos(), file, position);
            toReceive = distance(sizes, status.masterLogFile(), status.readMasterLogPos(), file, position);
        }
        return new Sample(lag, behind, toReceive, status.secondsBehindMaster(), status.error());
    }

    /**
     * The lag at {@code now} given the primary's and the replica's positions (domain → sequence number), recording
     * the primary's new sequence numbers as first seen now.
     */
    double lagMs(long now, Map<Long, Long> primary, Map<Long, Long> replica) {
        long oldest = Long.MAX_VALUE;
        for (Map.Entry<Long, Long> p : primary.entrySet()) {
            Deque<Sighting> domain = seen.computeIfAbsent(p.getKey(), d -> new ArrayDeque<>());
            if (domain.isEmpty() || domain.peekLast().seq() < p.getValue()) domain.addLast(new Sighting(p.getValue(), now));
        }
        for (Map.Entry<Long, Deque<Sighting>> d : seen.entrySet()) {
            long applied = replica.getOrDefault(d.getKey(), 0L);
            Deque<Sighting> domain = d.getValue();
            // Positions only grow: a sighting the replica has reached is never needed again.
            while (!domain.isEmpty() && domain.peekFirst().seq() <= applied) domain.removeFirst();
            if (!domain.isEmpty()) oldest = Math.min(oldest, domain.peekFirst().firstSeenNanos());
        }
        return oldest == Long.MAX_VALUE ? 0 : Math.max(0, now - oldest) / 1e6;
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

    /** Bytes from {@code (fromFile, fromPos)} to {@code (toFile, toPos)} across the primary's binlog files. */
    static long distance(Map<String, Long> sizes, String fromFile, long fromPos, String toFile, long toPos) {
        if (fromFile.equals(toFile)) return Math.max(0, toPos - fromPos);
        long bytes = 0;
        boolean counting = false;
        for (Map.Entry<String, Long> f : sizes.entrySet()) {
            if (f.getKey().equals(fromFile)) {
                counting = true;
                bytes += Math.max(0, f.getValue() - fromPos);
            } else if (f.getKey().equals(toFile)) {
                return bytes + toPos;
            } else if (counting) {
                bytes += f.getValue();
            }
        }
        return bytes + toPos; // the replica's file is already purged from the list: count what is left
    }

    private static Map<String, Long> binlogSizes(Connection primary) throws SQLException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (Statement s = primary.createStatement(); ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) sizes.put(rs.getString("Log_name"), rs.getLong("File_size"));
        }
        return sizes;
    }

    static Status status(Connection replica) throws SQLException {
        // Read before the status: a position older than the status's coordinates only overstates the lag.
        String slavePos = slavePos(replica);
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
                    rs.getString("Relay_Master_Log_File"), rs.getLong("Exec_Master_Log_Pos"), seconds,
                    slavePos, error);
        }
    }

    private static String slavePos(Connection replica) throws SQLException {
        try (Statement s = replica.createStatement(); ResultSet rs = s.executeQuery("SELECT @@gtid_slave_pos")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
