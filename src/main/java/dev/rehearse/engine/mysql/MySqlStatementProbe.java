package dev.rehearse.engine.mysql;

import dev.rehearse.dialect.Rule;
import dev.rehearse.migrate.ErrorClass;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.StatementProbe;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Around each statement, on the migration's session: InnoDB's identity of every table of the database
 * ({@code TABLE_ID}, new when ALTER rebuilt the table, by COPY or INPLACE with rebuild; unchanged for INSTANT and for
 * an index added in place), so that a rebuild shows in {@code rewrote}, and the tables created and dropped. MySQL 8's
 * data dictionary lists them in {@code information_schema.INNODB_TABLES}, MySQL 5.7 (and MariaDB) in
 * {@code INNODB_SYS_TABLES}; the probe asks the server which one it has, once per connection, so a fork reached by
 * URL is read by what it is. Rows affected are the runner's (the update count). Locks come from the sampler
 * ({@link MySqlLockProbe}); every DDL commits implicitly, so none is held after it returns.
 *
 * <p>Also, from the server: the ALTER algorithm that ran ({@link AlterStages#classify}, from the stages this session
 * entered, counted in {@code performance_schema.events_stages_summary_by_thread_by_event_name} for the instruments
 * the container enables, {@link MySqlContainers#SERVER_FLAGS}; null where a server does not count them all); the rows
 * a COPY copied ({@code ROW_COUNT()}, the "Records: N" of its reply; an in-place ALTER replies 0 whatever it read, so
 * it has none); and the bytes written to the binary log while the statement ran, concurrent sessions included,
 * reported as {@code walBytes}. MySQL has no {@code Binlog_bytes_written} status (MariaDB's): the bytes are the
 * advance of the current binary log's position, from {@code SHOW BINARY LOG STATUS} (MySQL 8.2+, the only form in
 * 8.4 and 9) or {@code SHOW MASTER STATUS} (5.7, 8.0, MariaDB), MySQL manual, "SHOW BINARY LOG STATUS Statement"
 * (dev.mysql.com/doc/refman/8.4/en/show-binary-log-status.html). Null when the log rotated to a new file meanwhile,
 * without a binary log or the REPLICATION CLIENT privilege, and inside a transaction, whose events are written at
 * its COMMIT. A variant of the family reads the binary log's advance its own way ({@link BinlogMeter}: MariaDB's
 * {@code Binlog_bytes_written}).
 */
public class MySqlStatementProbe implements StatementProbe {

    private static final String TABLES = "SELECT SUBSTRING(NAME, LOCATE('/', NAME) + 1), TABLE_ID"
            + " FROM information_schema.%s WHERE NAME LIKE CONCAT(DATABASE(), '/%%')";

    /** Each table's columns and indexes as text: a change of definition that keeps InnoDB's table (INSTANT). */
    private static final String DEFINITIONS = "SELECT TABLE_NAME, GROUP_CONCAT(d ORDER BY d SEPARATOR ';') FROM ("
            + " SELECT TABLE_NAME, CONCAT_WS(':', 'c', ORDINAL_POSITION, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE,"
            + "  IFNULL(COLUMN_DEFAULT, '-')) d FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
            + " UNION ALL SELECT TABLE_NAME, CONCAT_WS(':', 'i', INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME)"
            + "  FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()) x GROUP BY TABLE_NAME";

    private final MySqlDialect dialect;
    private final BinlogMeter binlogMeter;
    private final Cost.Counter cost = new Cost.Counter();
    private String tablesSql;
    private Connection tablesOn;

    /** Binlog bytes as the advance of the binary log's position ({@link PositionMeter}). */
    public MySqlStatementProbe(MySqlDialect dialect) {
        this(dialect, new PositionMeter());
    }

    /** @param binlogMeter how this server's binary-log advance is read; one per probe (it may keep per-connection state) */
    protected MySqlStatementProbe(MySqlDialect dialect, BinlogMeter binlogMeter) {
        this.dialect = dialect;
        this.binlogMeter = binlogMeter;
    }

    /** The dialect the probe was built with, for a variant's own facts. */
    protected final MySqlDialect dialect() {
        return dialect;
    }

    /** Every DDL commits implicitly on MySQL and MariaDB alike: the dialect's list, so the runner reports what a failure left applied. */
    @Override
    public boolean commitsImplicitly(SqlStatement statement) {
        return dialect.commitsImplicitly(new Rule.Words(statement.sql(), dialect.words(statement.sql())));
    }

    /** The session's performance_schema thread, per connection. */
    private Connection instrumentedOn;
    private Long threadId;

    /** How far the binary log has been written, read on the measured session before and after a statement. */
    public interface BinlogMeter {
        /** Now; null without a binary log (or the privilege to read it). */
        BinlogReading read(Connection c) throws SQLException;
    }

    /** One reading of a {@link BinlogMeter}. */
    public interface BinlogReading {
        /** The bytes written from {@code earlier} to this, or null where they cannot be told (none, another kind). */
        Long since(BinlogReading earlier);
    }

    /** A binary log's file and the position writing has reached in it. */
    record BinlogPosition(String file, long position) implements BinlogReading {
        /** The bytes written from {@code earlier} to this, or null when the log moved to another file meanwhile. */
        @Override
        public Long since(BinlogReading earlier) {
            return earlier instanceof BinlogPosition e && e.file.equals(file) ? position - e.position : null;
        }
    }

    /**
     * The current binary log's position, stated by SHOW BINARY LOG STATUS where the server knows it (MySQL 8.2+),
     * else SHOW MASTER STATUS, which of them asked once per connection; neither without a binary log (an empty
     * answer) or the privilege.
     */
    static final class PositionMeter implements BinlogMeter {
        private Connection askedOn;
        private String statusSql;

        @Override
        public BinlogReading read(Connection c) throws SQLException {
            if (askedOn != c) {
                askedOn = c;
                statusSql = statusSql(c);
            }
            if (statusSql == null) return null;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(statusSql)) {
                return rs.next() ? new BinlogPosition(rs.getString("File"), rs.getLong("Position")) : null;
            }
        }

        private static String statusSql(Connection c) throws SQLException {
            try (Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT @@log_bin")) {
                    if (!(rs.next() && rs.getBoolean(1))) return null;
                }
                for (String sql : List.of("SHOW BINARY LOG STATUS", "SHOW MASTER STATUS")) {
                    try (ResultSet rs = s.executeQuery(sql)) {
                        return rs.next() ? sql : null;
                    } catch (SQLException unknownOrDenied) {
                        // the next form, or no binary-log figures
                    }
                }
                return null;
            }
        }
    }

    /**
     * @param stages per ALTER stage, how often this session had entered it; null when they are not all counted
     * @param binlog the binary log's position; null without one (or the privilege to read it)
     */
    private record Tables(Map<String, Long> ids, Map<String, String> definitions, Map<String, Long> stages,
                          BinlogReading binlog) implements Snapshot {}

    @Override
    public long sessionId(Connection c) throws SQLException {
        return MySqlSessions.connectionId(c);
    }

    /**
     * lock_wait_timeout (metadata locks) and innodb_lock_wait_timeout (row locks) take whole seconds. MySQL 8 caches
     * {@code information_schema.TABLES} statistics for a day by default: the session reads them fresh instead.
     */
    @Override
    public void prepareSession(Connection c, Integer lockTimeoutMs, Integer statementTimeoutMs) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (innoDbTablesView(c).equals("INNODB_TABLES")) s.execute("SET SESSION information_schema_stats_expiry = 0");
            if (lockTimeoutMs != null) {
                long seconds = Math.max(1, Math.round(lockTimeoutMs / 1000.0));
                s.execute("SET SESSION lock_wait_timeout = " + seconds + ", innodb_lock_wait_timeout = " + seconds);
            }
            if (statementTimeoutMs != null) s.execute(dialect.statementTimeoutSql(statementTimeoutMs));
        }
    }

    @Override
    public Map<String, Long> tableRows(Connection c) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME, TABLE_ROWS FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
        }
        return out;
    }

    @Override
    public Snapshot before(Connection c, boolean inTransaction) throws SQLException {
        long t0 = System.nanoTime();
        Tables t = new Tables(ids(c), definitions(c), stages(c), binlogMeter.read(c));
        cost.before(System.nanoTime() - t0, inTransaction);
        return t;
    }

    @Override
    public ErrorClass classify(SQLException e) {
        return dialect.classify(e);
    }

    @Override
    public Integer errorLine(SQLException e, String sql) {
        return dialect.errorLine(e, sql);
    }

    @Override
    public Facts after(Connection c, Snapshot before, boolean inTransaction) throws SQLException {
        long t0 = System.nanoTime();
        Tables then = (Tables) before;
        long rowCount = rowCount(c); // first: any statement resets it
        BinlogReading binlog = then.binlog() == null ? null : binlogMeter.read(c);
        // A transaction's events reach the binary log at its COMMIT: inside one a statement's own bytes are unknown.
        Long binlogBytes = binlog == null || inTransaction ? null : binlog.since(then.binlog());
        Map<String, Long> stages = then.stages() == null ? null : stages(c);
        Map<String, Long> was = then.ids();
        Map<String, Long> now = ids(c);
        List<String> rewrote = new ArrayList<>(), created = new ArrayList<>(), dropped = new ArrayList<>();
        now.forEach((name, id) -> {
            Long old = was.get(name);
            if (old == null) created.add(name);
            else if (!old.equals(id)) rewrote.add(name);
        });
        was.keySet().forEach(name -> {
            if (!now.containsKey(name)) dropped.add(name);
        });
        // Every ALTER, whatever its algorithm, takes the table's EXCLUSIVE metadata lock at least briefly (at its
        // start and commit): one faster than the sampler leaves no sample, so a table whose definition or storage
        // changed reports it as implied.
        Map<String, String> defs = definitions(c);
        List<HeldLock> implied = new ArrayList<>();
        ((Tables) before).definitions().forEach((name, def) -> {
            if (rewrote.contains(name) || (defs.containsKey(name) && !def.equals(defs.get(name)))) {
                implied.add(new HeldLock(name, "EXCLUSIVE"));
            }
        });
        StatementProbe.Alter alter = stages == null ? null
                : AlterStages.classify(AlterStages.delta(then.stages(), stages), !rewrote.isEmpty());
        Long rows = alter != null && alter.algorithm().equals("COPY") && rowCount >= 0 ? rowCount : null;
        cost.after(System.nanoTime() - t0, inTransaction);
        return new Facts(List.of(), rewrote, List.of(), List.of(), created, binlogBytes, implied, dropped, alter, rows);
    }

    private static long rowCount(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT ROW_COUNT()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Reads, once per connection, this session's thread where every ALTER stage is counted (a missing one would read
     * as another algorithm; with performance_schema off its tables are empty: the algorithm stays unmeasured).
     */
    private void instrument(Connection c) throws SQLException {
        if (instrumentedOn == c) return;
        instrumentedOn = c;
        threadId = null;
        try (Statement s = c.createStatement()) {
            boolean counted;
            try (ResultSet rs = s.executeQuery(AlterStages.INSTRUMENTS_SQL)) {
                counted = rs.next() && AlterStages.allCounted(rs.getInt(1), rs.getInt(2));
            }
            if (!counted) return;
            try (ResultSet rs = s.executeQuery("SELECT THREAD_ID FROM performance_schema.threads"
                    + " WHERE PROCESSLIST_ID = CONNECTION_ID()")) {
                if (rs.next()) threadId = rs.getLong(1);
            }
        }
    }

    private Map<String, Long> stages(Connection c) throws SQLException {
        instrument(c);
        if (threadId == null) return null;
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(AlterStages.STAGES_SQL)) {
            ps.setLong(1, threadId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private static Map<String, String> definitions(Connection c) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION group_concat_max_len = 1048576");
            try (ResultSet rs = s.executeQuery(DEFINITIONS)) {
                while (rs.next()) out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    private Map<String, Long> ids(Connection c) throws SQLException {
        if (tablesSql == null || tablesOn != c) {
            tablesSql = String.format(TABLES, innoDbTablesView(c));
            tablesOn = c;
        }
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(tablesSql); ResultSet rs = ps.executeQuery()) {
            // ALTER's intermediate tables (#sql-...) are not the user's.
            while (rs.next()) if (!rs.getString(1).startsWith("#sql")) out.put(rs.getString(1), rs.getLong(2));
        }
        return out;
    }

    /** {@code INNODB_TABLES} where the server has it (MySQL 8+), else {@code INNODB_SYS_TABLES} (5.7, MariaDB). */
    static String innoDbTablesView(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = 'information_schema' AND TABLE_NAME = 'INNODB_TABLES'")) {
            rs.next();
            return rs.getInt(1) > 0 ? "INNODB_TABLES" : "INNODB_SYS_TABLES";
        }
    }

    @Override
    public Cost cost() {
        return cost.cost();
    }
}
