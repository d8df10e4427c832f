package dev.rehearse.engine.mysql;

import dev.rehearse.dialect.LockMode;
import dev.rehearse.observe.LockSample;
import dev.rehearse.observe.LockSampler;
import dev.rehearse.scenario.ServerVersion;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One poll of {@code performance_schema.metadata_locks} (the provisioner enables its MDL instrument, which MySQL 5.7
 * leaves off) joined to {@code threads} for the processlist id the sessions are known by: table metadata locks held
 * or awaited in the rehearsal's database. The view has no blocker column, so a PENDING lock's blockers are the
 * sessions granted a conflicting lock on the same table, by the MDL conflict table ({@link MySqlDialect#lockModes}),
 * and those whose conflicting request for a strong lock (SHARED_NO_WRITE or stronger: an ALTER's pending EXCLUSIVE)
 * waits too, since the server serves such a request before weaker ones: the queue behind a DDL that waits for a long
 * transaction. An ALTER copying the table ("copy to tmp table") may still read SHARED_UPGRADABLE; where the
 * server's COPY blocks writes ({@code copyBlocksWrites}) it is reported as SHARED_NO_WRITE, what COPY holds.
 *
 * <p>Also InnoDB's row-lock waits ({@link InnoDbRowWaits}: {@code performance_schema.data_lock_waits} on MySQL 8+,
 * {@code information_schema.INNODB_LOCK_WAITS} on 5.7 and MariaDB), read every {@value InnoDbRowWaits#POLL_MS} ms
 * only, in the sample that falls due, since {@code INNODB_TRX} changes no faster; a row-lock wait shorter than that
 * may be missed.
 */
public final class MySqlLockProbe implements LockSampler.Probe {

    private static final String SQL = "SELECT t.PROCESSLIST_ID, ml.OBJECT_NAME, ml.LOCK_TYPE, ml.LOCK_STATUS = 'GRANTED',"
            + " t.PROCESSLIST_TIME, LEFT(t.PROCESSLIST_INFO, 200), t.PROCESSLIST_STATE"
            + " FROM performance_schema.metadata_locks ml JOIN performance_schema.threads t ON t.THREAD_ID = ml.OWNER_THREAD_ID"
            + " WHERE ml.OBJECT_TYPE = 'TABLE' AND ml.OBJECT_SCHEMA = DATABASE() AND t.PROCESSLIST_ID <> CONNECTION_ID()";

    private final LockMode.Table modes;
    private final int strong;
    private final Predicate<ServerVersion> copyBlocksWrites;
    private PreparedStatement statement, rowWaits;
    private Connection preparedOn;
    private Long rowWaitsReadAt; // System.nanoTime() of the last read of InnoDB's lock views, null before the first
    private boolean copyHoldsNoWrite;

    /** @param copyBlocksWrites whether the server at this version blocks writes while ALTER copies the table */
    public MySqlLockProbe(MySqlDialect dialect, Predicate<ServerVersion> copyBlocksWrites) {
        this.modes = dialect.lockModes();
        this.strong = modes.of("SHARED_NO_WRITE").rank();
        this.copyBlocksWrites = copyBlocksWrites;
    }

    @Override
    public List<LockSample.SessionLock> sample(Connection c) throws SQLException {
        if (statement == null || preparedOn != c) {
            statement = c.prepareStatement(SQL);
            rowWaits = c.prepareStatement(InnoDbRowWaits.sqlFor(c));
            preparedOn = c;
            rowWaitsReadAt = null;
            copyHoldsNoWrite = copyBlocksWrites.test(ServerVersion.parse(c.getMetaData().getDatabaseProductVersion()));
        }
        long nowMicros = System.currentTimeMillis() * 1000;
        List<LockSample.SessionLock> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String mode = rs.getString(3);
                if (copyHoldsNoWrite && "SHARED_UPGRADABLE".equals(mode) && "copy to tmp table".equalsIgnoreCase(rs.getString(7))) {
                    mode = "SHARED_NO_WRITE";
                }
                // PROCESSLIST_TIME is whole seconds since the statement began: the start to within a second.
                long start = nowMicros - rs.getLong(5) * 1_000_000L;
                rows.add(new LockSample.SessionLock(rs.getLong(1), rs.getString(2), mode, rs.getBoolean(4),
                        List.of(), start, rs.getString(6)));
            }
        }
        List<LockSample.SessionLock> out = new ArrayList<>(rows.size());
        for (LockSample.SessionLock l : rows) {
            if (l.granted()) {
                out.add(l);
                continue;
            }
            var conflicts = modes.of(l.mode()).conflicts();
            List<Long> blockers = rows.stream().filter(g -> g.session() != l.session()
                    && g.relation().equals(l.relation()) && conflicts.contains(g.mode())
                    && (g.granted() || modes.of(g.mode()).rank() >= strong))
                    .map(LockSample.SessionLock::session).distinct().toList();
            out.add(new LockSample.SessionLock(l.session(), l.relation(), l.mode(), false, blockers, l.queryStartMicros(),
                    l.query()));
        }
        long now = System.nanoTime();
        if (rowWaitsReadAt == null || now - rowWaitsReadAt >= InnoDbRowWaits.POLL_MS * 1_000_000) {
            rowWaitsReadAt = now;
            out.addAll(InnoDbRowWaits.read(rowWaits));
        }
        return out;
    }
}
