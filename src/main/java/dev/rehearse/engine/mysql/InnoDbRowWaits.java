package dev.rehearse.engine.mysql;

import dev.rehearse.observe.LockSample;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * InnoDB's row-lock waits in the rehearsal's database, as not-granted locks with no relation (as PostgreSQL's
 * transactionid waits) in InnoDB's mode ({@code X}, {@code S,GAP}...), one per waiting session, blocked by every
 * session holding a lock it waits for.
 *
 * <p>Where from: MySQL 8.0+ lists them in {@code performance_schema.data_lock_waits} (requesting and blocking lock
 * and thread), with the locks in {@code data_locks} and the threads' processlist ids in {@code threads} (MySQL
 * manual, "The data_lock_waits Table", dev.mysql.com/doc/refman/8.4/en/performance-schema-data-lock-waits-table.html);
 * MySQL 5.7 and MariaDB in {@code information_schema.INNODB_LOCK_WAITS} with {@code INNODB_LOCKS} and
 * {@code INNODB_TRX}, the views MySQL 8.0 removed. {@code INNODB_TRX}, read in both for the transaction's start and
 * query, is served from a cache InnoDB refreshes only once it has gone unread for 100 ms ({@code trx0i_s.cc},
 * {@code can_cache_be_updated}), so callers read these every {@link #POLL_MS} ms, not at every sample.
 */
public final class InnoDbRowWaits {

    /** Row-lock views are read at most this often: see the class comment. */
    public static final long POLL_MS = 150;

    /**
     * Per waiting transaction: its session, the blocking session, the mode it asked for, and when its transaction
     * began (whole seconds; the transaction id, unique per wait in autocommit, fills the sub-second digits so two
     * waits of one session within a second stay apart).
     */
    static final String INFORMATION_SCHEMA = "SELECT r.trx_mysql_thread_id, b.trx_mysql_thread_id, l.lock_mode,"
            + " UNIX_TIMESTAMP(r.trx_started) * 1000000 + MOD(r.trx_id, 1000000), LEFT(r.trx_query, 200)"
            + " FROM information_schema.INNODB_LOCK_WAITS w"
            + " JOIN information_schema.INNODB_TRX r ON r.trx_id = w.requesting_trx_id"
            + " JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id"
            + " JOIN information_schema.INNODB_LOCKS l ON l.lock_id = w.requested_lock_id"
            + " WHERE l.lock_table LIKE CONCAT('`', DATABASE(), '`.%') AND r.trx_mysql_thread_id <> CONNECTION_ID()";

    /**
     * The same from MySQL 8's {@code performance_schema}; the transaction's start from {@code INNODB_TRX} where it
     * lists it yet (its cache), else the waiting statement's (PROCESSLIST_TIME, whole seconds).
     */
    static final String PERFORMANCE_SCHEMA = "SELECT rt.PROCESSLIST_ID, bt.PROCESSLIST_ID, l.LOCK_MODE,"
            + " COALESCE(UNIX_TIMESTAMP(x.trx_started), UNIX_TIMESTAMP() - IFNULL(rt.PROCESSLIST_TIME, 0)) * 1000000"
            + "  + MOD(w.REQUESTING_ENGINE_TRANSACTION_ID, 1000000),"
            + " LEFT(COALESCE(x.trx_query, rt.PROCESSLIST_INFO), 200)"
            + " FROM performance_schema.data_lock_waits w"
            + " JOIN performance_schema.data_locks l ON l.ENGINE = w.ENGINE AND l.ENGINE_LOCK_ID = w.REQUESTING_ENGINE_LOCK_ID"
            + " JOIN performance_schema.threads rt ON rt.THREAD_ID = w.REQUESTING_THREAD_ID"
            + " JOIN performance_schema.threads bt ON bt.THREAD_ID = w.BLOCKING_THREAD_ID"
            + " LEFT JOIN information_schema.INNODB_TRX x ON x.trx_id = w.REQUESTING_ENGINE_TRANSACTION_ID"
            + " WHERE l.OBJECT_SCHEMA = DATABASE() AND rt.PROCESSLIST_ID <> CONNECTION_ID()";

    private InnoDbRowWaits() {}

    /** The query this server answers: {@code performance_schema.data_lock_waits} where it has it (MySQL 8+). */
    public static String sqlFor(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = 'performance_schema' AND TABLE_NAME = 'data_lock_waits'");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1) > 0 ? PERFORMANCE_SCHEMA : INFORMATION_SCHEMA;
        }
    }

    /** Runs a statement prepared from {@link #sqlFor}: one awaited row lock per waiting session. */
    public static List<LockSample.SessionLock> read(PreparedStatement rowWaits) throws SQLException {
        Map<Long, LockSample.SessionLock> bySession = new LinkedHashMap<>();
        try (ResultSet rs = rowWaits.executeQuery()) {
            while (rs.next()) {
                long waiter = rs.getLong(1), blocker = rs.getLong(2);
                LockSample.SessionLock was = bySession.get(waiter);
                List<Long> blockers = new ArrayList<>(was == null ? List.of() : was.blockedBy());
                if (!blockers.contains(blocker)) blockers.add(blocker);
                bySession.put(waiter, new LockSample.SessionLock(waiter, null, rs.getString(3), false, blockers,
                        rs.getLong(4), rs.getString(5)));
            }
        }
        return new ArrayList<>(bySession.values());
    }
}
