package dev.rehearse.engine.mysql;

import dev.rehearse.observe.ReplicationProbe;
import dev.rehearse.observe.ReplicationSample;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.ServerVersion;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * How far a MySQL replica (file/position replication) is behind its source, finer than {@code Seconds_Behind_Source}
 * (whole seconds, from the event's timestamp): the source's binlog coordinate is read every {@link #WATCH_INTERVAL_MS}
 * on the probe's own connection, the replica's executed coordinate ({@code Relay_Source_Log_File} / {@code
 * Exec_Source_Log_Pos}, the source's coordinates) at every poll, and the lag is the time since the source was last seen
 * at a coordinate the replica has executed up to, as MariaDB's probe does with GTIDs: a binlog takes a transaction
 * whole at its commit, so a long UPDATE is first seen only when it ended. One JVM clock for both servers, no heartbeat
 * table. Bytes behind are the position distance within one binlog file (null across a rotation). The status statement
 * is the version's ({@link MySqlReplication#showStatus}): {@code SHOW REPLICA STATUS} on 8.0.22+, {@code SHOW SLAVE
 * STATUS} before. A replication thread stopped on an error fails the poll with the server's message.
 */
public final class MySqlReplicationProbe implements ReplicationProbe {

    static final int WATCH_INTERVAL_MS = 10;

    /** What the replica's status says (the columns the probe reads). */
    public record Status(String relaySourceLogFile, long execSourceLogPos, Long secondsBehind, String error) {}

    private static final class Mark {
        final long coordinate;
        final long firstNanos;
        long lastNanos;

        Mark(long coordinate, long atNanos) {
            this.coordinate = coordinate;
            this.firstNanos = atNanos;
            this.lastNanos = atNanos;
        }
    }

    private final Database primary;
    private final Database replica;
    private final ServerVersion replicaVersion;
    private final MySqlStatementProbe.PositionMeter meter = new MySqlStatementProbe.PositionMeter();
    private final Deque<Mark> marks = new ArrayDeque<>();
    private Connection replicaConnection;
    private Thread watch;
    private volatile boolean watching = true;
    private volatile String watchFailure;

    public MySqlReplicationProbe(Database primary, Database replica) {
        this.primary = primary;
        this.replica = replica;
        this.replicaVersion = replica == null ? null : replica.version();
    }

    /** A binlog coordinate as one ordered number: the file's sequence ({@code binlog.000003}) above the position. */
    static long coordinate(String file, long position) {
        int dot = file.lastIndexOf('.');
        long sequence = Long.parseLong(file.substring(dot + 1));
        return (sequence << 40) | position;
    }

    @Override
    public ReplicationSample sample(Connection primary) throws SQLException {
        if (watch == null && this.primary != null) startWatch();
        if (watchFailure != null) throw new SQLException("watching the primary's position failed: " + watchFailure);
        if (replicaConnection == null) replicaConnection = replica.connect("rehearse-replication");
        try {
            long now = System.nanoTime();
            MySqlStatementProbe.BinlogPosition at = position(primary);
            Status status = status(replicaConnection, replicaVersion);
            if (status.error() != null) throw new SQLException("the replica stopped replicating: " + status.error());
            long lagNanos = 0;
            Long bytes = null;
            if (at != null && status.relaySourceLogFile() != null && !status.relaySourceLogFile().isEmpty()) {
                long applied = coordinate(status.relaySourceLogFile(), status.execSourceLogPos());
                synchronized (marks) {
                    seen(now, coordinate(at.file(), at.position()));
                    lagNanos = lagNanos(System.nanoTime(), applied);
                }
                if (at.file().equals(status.relaySourceLogFile())) {
                    bytes = Math.max(0, at.position() - status.execSourceLogPos());
                }
            }
            Long replayMs = status.secondsBehind() == null ? null : status.secondsBehind() * 1000;
            return new ReplicationSample(lagNanos / 1_000_000, bytes, at == null ? null : at.position(),
                    status.execSourceLogPos(), null, null, replayMs, null);
        } catch (SQLException e) {
            if (!replicaConnection.isValid(1)) {
                replicaConnection.close();
                replicaConnection = null;
            }
            throw e;
        }
    }

    private MySqlStatementProbe.BinlogPosition position(Connection c) throws SQLException {
        return meter.read(c) instanceof MySqlStatementProbe.BinlogPosition p ? p : null;
    }

    private void seen(long now, long coordinate) {
        Mark last = marks.peekLast();
        if (last != null && last.coordinate >= coordinate) last.lastNanos = Math.max(last.lastNanos, now);
        else marks.addLast(new Mark(coordinate, now));
    }

    /** As MariaDB's probe, in one domain: the time since the source was last where the replica has executed to. */
    long lagNanos(long now, long applied) {
        while (marks.size() > 1) {
            Mark head = marks.removeFirst();
            if (marks.peekFirst().coordinate > applied) {
                marks.addFirst(head);
                break;
            }
        }
        Mark first = marks.peekFirst();
        if (first == null || marks.peekLast().coordinate <= applied) return 0;
        return Math.max(0, now - (first.coordinate <= applied ? first.lastNanos : first.firstNanos));
    }

    /** For tests: the source was at {@code coordinate} at {@code now}. */
    void seenAt(long now, long coordinate) {
        synchronized (marks) {
            seen(now, coordinate);
        }
    }

    private void startWatch() throws SQLException {
        Connection c = primary.connect("rehearse-replication-watch");
        MySqlStatementProbe.PositionMeter own = new MySqlStatementProbe.PositionMeter();
        watch = new Thread(() -> {
            try (c) {
                while (watching) {
                    long at = System.nanoTime();
                    if (own.read(c) instanceof MySqlStatementProbe.BinlogPosition p) {
                        long coordinate = coordinate(p.file(), p.position());
                        synchronized (marks) {
                            seen(at, coordinate);
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

    /** The replica's status by the version's statement; an error when nothing replicates or a thread stopped. */
    public static Status status(Connection replica, ServerVersion v) throws SQLException {
        try (Statement s = replica.createStatement(); ResultSet rs = s.executeQuery(MySqlReplication.showStatus(v))) {
            if (!rs.next()) return new Status(null, 0, null, "no replication configured");
            long behind = rs.getLong(col(rs, "Seconds_Behind_Source"));
            Long seconds = rs.wasNull() ? null : behind;
            String io = rs.getString("Last_IO_Error");
            String sql = rs.getString("Last_SQL_Error");
            String error = null;
            if (sql != null && !sql.isEmpty()) error = "SQL thread: " + sql;
            else if (!"Yes".equals(rs.getString(col(rs, "Replica_SQL_Running")))) error = "SQL thread not running";
            else if (io != null && !io.isEmpty() && "No".equals(rs.getString(col(rs, "Replica_IO_Running")))) {
                error = "IO thread: " + io;
            }
            return new Status(rs.getString(col(rs, "Relay_Source_Log_File")), rs.getLong(col(rs, "Exec_Source_Log_Pos")),
                    seconds, error);
        }
    }

    /** The column's name in the vocabulary the result set uses. */
    private static String col(ResultSet rs, String newName) throws SQLException {
        List<String> names = MySqlReplication.column(newName);
        var md = rs.getMetaData();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            if (md.getColumnLabel(i).equalsIgnoreCase(names.get(0))) return names.get(0);
        }
        return names.get(1);
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
            // the replica is going away
        }
        replicaConnection = null;
    }
}
