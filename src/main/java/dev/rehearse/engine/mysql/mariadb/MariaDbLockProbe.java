package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.observe.LockSample;
import dev.rehearse.observe.LockSampler;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One poll of {@code performance_schema.metadata_locks} (the provisioner enables its MDL instrument) joined to
 * {@code threads} for the processlist id the sessions are known by: table metadata locks held or awaited in the
 * rehearsal's database. Who blocks a PENDING lock is left empty: the view has no blocker column, and pairing every
 * GRANTED with every PENDING lock (as {@code sys.schema_table_lock_waits} does) would name sessions that do not
 * conflict.
 */
final class MariaDbLockProbe implements LockSampler.Probe {

    private static final String SQL = "SELECT t.PROCESSLIST_ID, ml.OBJECT_NAME, ml.LOCK_TYPE, ml.LOCK_STATUS = 'GRANTED',"
            + " t.PROCESSLIST_TIME, LEFT(t.PROCESSLIST_INFO, 200)"
            + " FROM performance_schema.metadata_locks ml JOIN performance_schema.threads t ON t.THREAD_ID = ml.OWNER_THREAD_ID"
            + " WHERE ml.OBJECT_TYPE = 'TABLE' AND ml.OBJECT_SCHEMA = DATABASE() AND t.PROCESSLIST_ID <> CONNECTION_ID()";

    private PreparedStatement statement;
    private Connection preparedOn;

    @Override
    public List<LockSample.SessionLock> sample(Connection c) throws SQLException {
        if (statement == null || preparedOn != c) {
            statement = c.prepareStatement(SQL);
            preparedOn = c;
        }
        long nowMicros = System.currentTimeMillis() * 1000;
        List<LockSample.SessionLock> out = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                // PROCESSLIST_TIME is whole seconds since the statement began: the start to within a second.
                long start = nowMicros - rs.getLong(5) * 1_000_000L;
                out.add(new LockSample.SessionLock(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        List.of(), start, rs.getString(6)));
            }
        }
        return out;
    }
}
