package dev.rehearse.engine.mysql;

import dev.rehearse.load.LoadTarget;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** What the MySQL family's runtimes share about sessions and the default workload, whatever the driver. */
public final class MySqlSessions {

    private MySqlSessions() {}

    /** The processlist id ({@code CONNECTION_ID()}) the lock sampler knows a session by. */
    public static long connectionId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The server's {@code VERSION()}: {@code 8.0.42}, {@code 10.11.5-MariaDB}. */
    public static String version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The tables of the connection's database with a single integer primary key, with their key ranges. */
    public static List<LoadTarget> loadTargets(Connection c, Collection<String> tables, MySqlDialect dialect)
            throws SQLException {
        List<LoadTarget> targets = new ArrayList<>();
        for (String table : tables) {
            String name = table.contains(".") ? table.substring(table.indexOf('.') + 1) : table;
            String pk;
            try (var ps = c.prepareStatement("SELECT MAX(k.COLUMN_NAME), COUNT(*) FROM information_schema.STATISTICS k"
                    + " JOIN information_schema.COLUMNS col ON col.TABLE_SCHEMA = k.TABLE_SCHEMA"
                    + " AND col.TABLE_NAME = k.TABLE_NAME AND col.COLUMN_NAME = k.COLUMN_NAME"
                    + " AND col.DATA_TYPE IN ('tinyint', 'smallint', 'mediumint', 'int', 'bigint')"
                    + " WHERE k.TABLE_SCHEMA = DATABASE() AND k.TABLE_NAME = ? AND k.INDEX_NAME = 'PRIMARY'"
                    + " HAVING COUNT(*) = 1 AND (SELECT COUNT(*) FROM information_schema.STATISTICS p"
                    + "  WHERE p.TABLE_SCHEMA = DATABASE() AND p.TABLE_NAME = ? AND p.INDEX_NAME = 'PRIMARY') = 1")) {
                ps.setString(1, name);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) continue; // no single integer key: the default workload cannot address rows
                    pk = dialect.quote(rs.getString(1));
                }
            }
            String t = dialect.quote(name);
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT MIN(" + pk + "), MAX(" + pk + ") FROM " + t)) {
                rs.next();
                if (rs.getObject(1) == null) continue; // empty
                // The update sets the key to itself: it locks and writes the row naming no other column, so the
                // synthetic workload does not depend on columns a migration may drop or rename.
                targets.add(new LoadTarget(name, "SELECT * FROM " + t + " WHERE " + pk + " = ?",
                        "UPDATE " + t + " SET " + pk + " = " + pk + " WHERE " + pk + " = ?", rs.getLong(1), rs.getLong(2)));
            }
        }
        return targets;
    }

    /** The database a JDBC URL names ({@code jdbc:mysql://host:3306/app?x=y} → {@code app}), or null. */
    public static String databaseOf(String jdbcUrl) {
        String rest = jdbcUrl.replaceFirst("^jdbc:[a-z]+:(//)?", "");
        int slash = rest.indexOf('/');
        if (slash < 0) return null;
        String db = rest.substring(slash + 1).replaceFirst("[?;].*$", "");
        return db.isEmpty() ? null : db;
    }
}
