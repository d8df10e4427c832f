package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.observe.LockSample;
import dev.rehearse.observe.LockSampler;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One poll of {@code performance_schema.metadata_locks} (the provisioner enables its MDL instrument) joined to
 * {@code threads} for the processlist id the sessions are known by: table metadata locks held or awaited in the
 * rehearsal's database. The view has no blocker column, and pairing every GRANTED with every PENDING lock (as
 * {@code sys.schema_table_lock_waits} does) names sessions that do not conflict, so a PENDING lock's blockers are the
 * sessions granted a conflicting lock on the same table, by the MDL conflict table, and those whose conflicting
 * request for a strong lock (SHARED_NO_WRITE or stronger: an ALTER's pending EXCLUSIVE) waits too, since the server
 * serves such a request before weaker ones: the queue behind a DDL that waits for a long transaction.
 *
 * <p>The view does not show a lock's upgrade (measured on 10.11.5: an ALTER in "copy to tmp table" still reads
 * SHARED_UPGRADABLE while an UPDATE waits PENDING SHARED_WRITE behind it), so a SHARED_UPGRADABLE holder copying the
 * table is reported as what COPY holds, SHARED_NO_WRITE, before 11.2; from 11.2 COPY lets writes through
 * (MDEV-16329; measured on 11.4.5: no query waited behind a MODIFY that copied) and the mode is left as read.
 *
 * <p>InnoDB's row-lock waits come from {@code information_schema.INNODB_LOCK_WAITS} joined to {@code INNODB_TRX}
 * (MariaDB keeps the view MySQL 8 replaced by {@code performance_schema.data_lock_waits}; read by
 * {@link dev.rehearse.engine.mysql.InnoDbRowWaits}, shared with MySQL): one not-granted lock per
 * waiting session, with no relation (as PostgreSQL's transactionid waits) and InnoDB's mode ({@code X},
 * {@code S,GAP}...), blocked by the sessions whose transactions hold the rows. InnoDB serves these views from a
 * cache it refreshes only once it has gone unread for 100 ms ({@code trx0i_s.cc}, {@code can_cache_be_updated}):
 * read at every 10 ms sample it would never change (measured on 11.4.5: a wait still shown a second after it
 * ended). So they are read every {@value #ROW_WAIT_POLL_MS} ms only, in the sample that falls due; a row-lock wait
 * shorter than that may be missed, and one seen in a single sample is an instant of the timeline.
 */
final class MariaDbLockProbe implements LockSampler.Probe {

    private static final String SQL = "SELECT t.PROCESSLIST_ID, ml.OBJECT_NAME, ml.LOCK_TYPE, ml.LOCK_STATUS = 'GRANTED',"
            + " t.PROCESSLIST_TIME, LEFT(t.PROCESSLIST_INFO, 200), t.PROCESSLIST_STATE"
            + " FROM performance_schema.metadata_locks ml JOIN performance_schema.threads t ON t.THREAD_ID = ml.OWNER_THREAD_ID"
            + " WHERE ml.OBJECT_TYPE = 'TABLE' AND ml.OBJECT_SCHEMA = DATABASE() AND t.PROCESSLIST_ID <> CONNECTION_ID()";

    static final long ROW_WAIT_POLL_MS = dev.rehearse.engine.mysql.InnoDbRowWaits.POLL_MS;

    private static final dev.rehearse.dialect.LockMode.Table MODES =
            new MariaDbEngine.MariaDbDialect(dev.rehearse.scenario.ServerVersion.parse("11.4")).lockModes();

    private static final int STRONG = MODES.of("SHARED_NO_WRITE").rank();

    private PreparedStatement statement, rowWaits;
    private Connection preparedOn;
    private boolean copyBlocksWrites;
    private Long rowWaitsReadAt; // System.nanoTime() of the last read of InnoDB's lock views, null before the first

    @Override
    public List<LockSample.SessionLock> sample(Connection c) throws SQLException {
        if (statement == null || preparedOn != c) {
            statement = c.prepareStatement(SQL);
            rowWaits = c.prepareStatement(dev.rehearse.engine.mysql.InnoDbRowWaits.sqlFor(c));
            preparedOn = c;
            dev.rehearse.scenario.ServerVersion v = dev.rehearse.scenario.ServerVersion.parse(c.getMetaData().getDatabaseProductVersion());
            copyBlocksWrites = v.major() < 11 || (v.major() == 11 && v.minor() < 2);
        }
        long nowMicros = System.currentTimeMillis() * 1000;
        List<LockSample.SessionLock> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String mode = rs.getString(3);
                if (copyBlocksWrites && "SHARED_UPGRADABLE".equals(mode) && "copy to tmp table".equalsIgnoreCase(rs.getString(7))) {
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
            var conflicts = MODES.of(l.mode()).conflicts();
            List<Long> blockers = rows.stream().filter(g -> g.session() != l.session()
                    && g.relation().equals(l.relation()) && conflicts.contains(g.mode())
                    && (g.granted() || MODES.of(g.mode()).rank() >= STRONG))
                    .map(LockSample.SessionLock::session).distinct().toList();
            out.add(new LockSample.SessionLock(l.session(), l.relation(), l.mode(), false, blockers, l.queryStartMicros(),
                    l.query()));
        }
        long now = System.nanoTime();
        if (rowWaitsReadAt == null || now - rowWaitsReadAt >= ROW_WAIT_POLL_MS * 1_000_000) {
            rowWaitsReadAt = now;
            out.addAll(dev.rehearse.engine.mysql.InnoDbRowWaits.read(rowWaits));
        }
        return out;
    }
}
