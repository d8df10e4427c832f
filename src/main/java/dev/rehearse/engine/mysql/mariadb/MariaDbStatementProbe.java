package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.migrate.ErrorClass;
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
 * ({@code information_schema.INNODB_SYS_TABLES.TABLE_ID}, new when ALTER rebuilt the table, by COPY or INPLACE
 * with rebuild; unchanged for INSTANT and for an index added in place), so that a rebuild shows in {@code rewrote},
 * and the tables created and dropped. Locks come from the sampler ({@link dev.rehearse.engine.mysql.MySqlLockProbe}); every DDL commits
 * implicitly, so none is held after it returns.
 *
 * <p>Also, from the server: the ALTER algorithm that ran ({@link #classify}, from the stages this session passed
 * through, counted in {@code events_stages_summary_by_thread_by_event_name} for the instruments the provisioner
 * enables, {@link EmbeddedMariaDbProvisioner#ALTER_STAGES}); the rows a COPY copied ({@code ROW_COUNT()}, the
 * "Records: N" of its reply; an in-place ALTER replies 0 whatever it read, so it has none); and the bytes written to
 * the binary log while the statement ran ({@code Binlog_bytes_written}, concurrent sessions included, like WAL on
 * PostgreSQL), reported as {@code walBytes}: what a replica must replay; null inside a transaction, whose events are
 * written at its COMMIT.
 */
final class MariaDbStatementProbe implements StatementProbe {

    private static final String TABLES = "SELECT SUBSTRING(NAME, LOCATE('/', NAME) + 1), TABLE_ID"
            + " FROM information_schema.INNODB_SYS_TABLES WHERE NAME LIKE CONCAT(DATABASE(), '/%')";

    private final MariaDbEngine.MariaDbDialect dialect;
    private final Cost.Counter cost = new Cost.Counter();

    MariaDbStatementProbe(MariaDbEngine.MariaDbDialect dialect) {
        this.dialect = dialect;
    }

    /** Each table's columns and indexes as text: a change of definition that keeps InnoDB's table (INSTANT). */
    private static final String DEFINITIONS = "SELECT TABLE_NAME, GROUP_CONCAT(d ORDER BY d SEPARATOR ';') FROM ("
            + " SELECT TABLE_NAME, CONCAT_WS(':', 'c', ORDINAL_POSITION, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE,"
            + "  IFNULL(COLUMN_DEFAULT, '-')) d FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
            + " UNION ALL SELECT TABLE_NAME, CONCAT_WS(':', 'i', INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME)"
            + "  FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()) x GROUP BY TABLE_NAME";

    /** The shared stage names and decision rule: {@link dev.rehearse.engine.mysql.AlterStages}. */
    private static final String STAGES = dev.rehearse.engine.mysql.AlterStages.STAGES_SQL;

    /**
     * @param stages per stage name, how often this session had entered it; null when the stage instruments are off
     * @param binlog the server's binary-log bytes written so far; null without a binary log
     */
    private record Tables(Map<String, Long> ids, Map<String, String> definitions, Map<String, Long> stages,
                          Long binlog) implements Snapshot {}

    /** The session's performance_schema thread and whether the ALTER stages are counted, per connection. */
    private Connection instrumentedOn;
    private Long threadId;
    private Boolean binlogOn;

    @Override
    public long sessionId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** lock_wait_timeout (metadata locks) and innodb_lock_wait_timeout (row locks) take whole seconds. */
    @Override
    public void prepareSession(Connection c, Integer lockTimeoutMs, Integer statementTimeoutMs) throws SQLException {
        try (Statement s = c.createStatement()) {
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
        Map<String, Long> ids = ids(c);
        Map<String, String> definitions = definitions(c);
        Tables t = new Tables(ids, definitions, stages(c), binlog(c));
        cost.before(System.nanoTime() - t0, inTransaction);
        return t;
    }

    /** Every DDL commits implicitly: the dialect's list. */
    @Override
    public boolean commitsImplicitly(dev.rehearse.migrate.SqlStatement statement) {
        return dialect.commitsImplicitly(new dev.rehearse.dialect.Rule.Words(statement.sql(), dialect.words(statement.sql())));
    }

    @Override
    public ErrorClass classify(SQLException e) {
        return dialect.classify(e);
    }

    @Override
    public Facts after(Connection c, Snapshot before, boolean inTransaction) throws SQLException {
        long t0 = System.nanoTime();
        Tables then = (Tables) before;
        long rowCount = rowCount(c); // first: any statement resets it
        Long binlog = binlog(c);
        // A transaction's events reach the binary log at its COMMIT: inside one a statement's own bytes are unknown.
        Long binlogBytes = binlog == null || then.binlog() == null || inTransaction ? null : binlog - then.binlog();
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
        Alter alter = stages == null ? null : classify(delta(then.stages(), stages), !rewrote.isEmpty());
        Long rows = alter != null && alter.algorithm().equals("COPY") && rowCount >= 0 ? rowCount : null;
        cost.after(System.nanoTime() - t0, inTransaction);
        return new Facts(List.of(), rewrote, List.of(), List.of(), created, binlogBytes, implied, dropped, alter, rows);
    }

    /** The algorithm an ALTER ran: {@link dev.rehearse.engine.mysql.AlterStages#classify}. */
    static Alter classify(Map<String, Long> entered, boolean tableReplaced) {
        return dev.rehearse.engine.mysql.AlterStages.classify(entered, tableReplaced);
    }

    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        return dev.rehearse.engine.mysql.AlterStages.delta(before, after);
    }

    private static long rowCount(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT ROW_COUNT()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Reads, once per connection, this session's thread and whether the server counts the ALTER stages and binlog. */
    private void instrument(Connection c) throws SQLException {
        if (instrumentedOn == c) return;
        instrumentedOn = c;
        threadId = null;
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT @@log_bin")) {
                binlogOn = rs.next() && rs.getBoolean(1);
            }
            // Every ALTER stage the server has must be counted, or a missing one would read as another algorithm.
            // With performance_schema off its tables are empty: the algorithm stays unmeasured (null).
            boolean counted;
            try (ResultSet rs = s.executeQuery(dev.rehearse.engine.mysql.AlterStages.INSTRUMENTS_SQL)) {
                counted = rs.next() && dev.rehearse.engine.mysql.AlterStages.allCounted(rs.getInt(1), rs.getInt(2));
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
        try (PreparedStatement ps = c.prepareStatement(STAGES)) {
            ps.setLong(1, threadId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private Long binlog(Connection c) throws SQLException {
        instrument(c);
        if (!binlogOn) return null;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT VARIABLE_VALUE"
                + " FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'BINLOG_BYTES_WRITTEN'")) {
            return rs.next() ? rs.getLong(1) : null;
        }
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

    private static Map<String, Long> ids(Connection c) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(TABLES); ResultSet rs = ps.executeQuery()) {
            // ALTER's intermediate tables (#sql-...) are not the user's.
            while (rs.next()) if (!rs.getString(1).startsWith("#sql")) out.put(rs.getString(1), rs.getLong(2));
        }
        return out;
    }

    @Override
    public Cost cost() {
        return cost.cost();
    }
}
