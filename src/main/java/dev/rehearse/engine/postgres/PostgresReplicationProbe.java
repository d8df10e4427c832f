package dev.rehearse.engine.postgres;

import dev.rehearse.observe.PositionClock;
import dev.rehearse.observe.ReplicationProbe;
import dev.rehearse.observe.ReplicationSample;
import dev.rehearse.provision.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One replication sample of a PostgreSQL primary and its standby: on the primary (the sampler's connection) its WAL
 * insert position and {@code pg_stat_replication}'s write/flush/replay lag for the standby; then, on the standby's own
 * connection, its replay position ({@code pg_last_wal_replay_lsn()}, fresher than the position it last reported to
 * the primary) and {@code pg_stat_database_conflicts}. The lag in time comes from positions through a
 * {@link PositionClock} on the primary's flush position: {@code pg_stat_replication}'s {@code replay_lag} is null when the standby idles and only as
 * fresh as the standby's last report.
 */
final class PostgresReplicationProbe implements ReplicationProbe {

    private static final String PRIMARY = "SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::bigint,"
            + " pg_wal_lsn_diff(pg_current_wal_flush_lsn(), '0/0')::bigint,"
            + " (SELECT array[extract(epoch FROM write_lag) * 1000, extract(epoch FROM flush_lag) * 1000,"
            + "  extract(epoch FROM replay_lag) * 1000] FROM pg_stat_replication WHERE ?::text IS NULL OR application_name = ? LIMIT 1)";
    private static final String STANDBY = "SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '0/0')::bigint,"
            + " (SELECT sum(confl_tablespace + confl_lock + confl_snapshot + confl_bufferpin + confl_deadlock)::bigint"
            + "  FROM pg_stat_database_conflicts)";

    private final Database replica;
    private final String applicationName;
    private final PositionClock clock = new PositionClock();
    private Connection standby;
    private PreparedStatement onStandby;
    private PreparedStatement onPrimary;
    private Connection primaryConnection;

    PostgresReplicationProbe(Database replica, String applicationName) {
        this.replica = replica;
        this.applicationName = applicationName;
    }

    @Override
    public ReplicationSample sample(Connection c) throws SQLException {
        if (onPrimary == null || primaryConnection != c) {
            onPrimary = c.prepareStatement(PRIMARY);
            onPrimary.setString(1, applicationName);
            onPrimary.setString(2, applicationName);
            primaryConnection = c;
        }
        if (standby == null || standby.isClosed()) {
            standby = replica.connect("rehearse-replication");
            onStandby = standby.prepareStatement(STANDBY);
        }
        long at = System.nanoTime();
        long primary, flushed;
        Double[] lags = null;
        try (ResultSet rs = onPrimary.executeQuery()) {
            rs.next();
            primary = rs.getLong(1);
            flushed = rs.getLong(2);
            java.sql.Array a = rs.getArray(3);
            if (a != null) lags = toDoubles((Object[]) a.getArray());
        }
        // The clock runs on the flush position: what can be sent, and a record's end, which a caught-up standby's
        // replay position equals. The insert position can sit past the next page's header, which no replay reaches
        // until more WAL comes: an idle primary would look ever further ahead.
        clock.primaryAt(at, flushed);
        long applied;
        Long conflicts;
        try (ResultSet rs = onStandby.executeQuery()) {
            rs.next();
            applied = rs.getLong(1);
            conflicts = rs.getObject(2) == null ? null : rs.getLong(2);
        }
        long lagMs = Math.round(clock.lagNanos(System.nanoTime(), applied) / 1e6);
        return new ReplicationSample(lagMs, Math.max(0, primary - applied), primary, applied,
                ms(lags, 0), ms(lags, 1), ms(lags, 2), conflicts);
    }

    private static Double[] toDoubles(Object[] values) {
        Double[] out = new Double[values.length];
        for (int i = 0; i < values.length; i++) out[i] = values[i] == null ? null : ((Number) values[i]).doubleValue();
        return out;
    }

    private static Long ms(Double[] lags, int i) {
        return lags == null || lags[i] == null ? null : Math.round(lags[i]);
    }

    /**
     * A standby query cancelled for a conflict with recovery: SQLSTATE 40001 with "conflict with recovery" (a held
     * lock, a snapshot, a pinned buffer...; the detail says which), as {@code ProcessInterrupts} raises it.
     */
    static boolean conflictCancelled(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "40001".equals(s.getSQLState())
                    && String.valueOf(s.getMessage()).contains("conflict with recovery")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            if (standby != null) standby.close();
        } catch (SQLException ignored) {
            // the replica may be stopping
        }
    }
}
