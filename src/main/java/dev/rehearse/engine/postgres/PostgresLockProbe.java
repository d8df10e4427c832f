package dev.rehearse.engine.postgres;

import dev.rehearse.observe.LockSample;
import dev.rehearse.observe.LockSampler;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One poll of pg_locks + pg_stat_activity + pg_blocking_pids(): relation locks on user tables (held or
 * awaited) and every awaited lock of any type (row locks show as transactionid/tuple waits).
 */
final class PostgresLockProbe implements LockSampler.Probe {

    private static final String SQL = "SELECT l.pid, CASE WHEN c.oid IS NULL THEN NULL ELSE "
            + PostgresStatementProbe.DISPLAY_NAME + " END, l.mode, l.granted,"
            + " CASE WHEN l.granted THEN NULL ELSE pg_blocking_pids(l.pid) END,"
            + " (extract(epoch FROM a.query_start) * 1000000)::bigint, left(a.query, 200)"
            + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            + " LEFT JOIN pg_class c ON c.oid = l.relation AND l.locktype = 'relation'"
            + " LEFT JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE l.pid <> pg_backend_pid() AND a.datname = current_database()"
            + " AND (NOT l.granted OR (c.relkind IN ('r', 'p', 'm', 'f') AND "
            + PostgresStatementProbe.USER_SCHEMA + "))";

    private PreparedStatement statement;
    private Connection preparedOn;

    @Override
    public List<LockSample.SessionLock> sample(Connection c) throws SQLException {
        // prepared once per connection: the same probe may serve a later sampler on a new one
        if (statement == null || preparedOn != c) {
            statement = c.prepareStatement(SQL);
            preparedOn = c;
        }
        List<LockSample.SessionLock> out = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                List<Long> blockers = new ArrayList<>();
                Array a = rs.getArray(5);
                if (a != null) {
                    for (Object o : (Object[]) a.getArray()) blockers.add(((Number) o).longValue());
                }
                out.add(new LockSample.SessionLock(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getBoolean(4), blockers, rs.getLong(6), rs.getString(7)));
            }
        }
        return out;
    }
}
