package dev.rehearse.engine.mysql;

import dev.rehearse.engine.EngineRuntime;
import dev.rehearse.provision.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MySQL family's fresh databases on one server (the scales of {@code estimate}) and what decides whether a table
 * fits in its memory. A MySQL "database" is a schema: CREATE DATABASE gives empty storage on the same server, and
 * every sampler of this engine reads the connection's own ({@code DATABASE()}), so a rehearsal there measures what it
 * would on the first.
 */
public final class MySqlDatabases {

    private MySqlDatabases() {}

    private static final Pattern URL_DATABASE = Pattern.compile("^(jdbc:(?:mysql|mariadb)://[^/?]*/)([^?;]*)(.*)$");

    /** CREATE DATABASE with the first database's character set and collation, so text compares and sorts as there. */
    public static Optional<Database> create(Database db, String name) throws SQLException {
        Matcher m = URL_DATABASE.matcher(db.jdbcUrl());
        if (!m.matches() || !name.matches("[a-z_][a-z0-9_]*")) return Optional.empty();
        try (Connection c = db.connect("rehearse-databases"); Statement s = c.createStatement()) {
            String charset = null, collation = null;
            try (ResultSet rs = s.executeQuery("SELECT @@character_set_database, @@collation_database")) {
                if (rs.next()) {
                    charset = rs.getString(1);
                    collation = rs.getString(2);
                }
            }
            s.execute("CREATE DATABASE `" + name + "`" + (charset == null ? "" : " CHARACTER SET " + charset)
                    + (collation == null ? "" : " COLLATE " + collation));
        }
        return Optional.of(db.sibling(m.group(1) + name + m.group(3)));
    }

    public static void drop(Database server, Database created) throws SQLException {
        Matcher m = URL_DATABASE.matcher(created.jdbcUrl());
        if (!m.matches() || m.group(2).isEmpty()) return;
        try (Connection c = server.connect("rehearse-databases"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + m.group(2).replace("`", "``") + "`");
        }
    }

    /**
     * The settings a rebuild's, a sort's and a scan's speed depend on in InnoDB; {@code innodb_buffer_pool_size} is
     * the cache, {@code innodb_sort_buffer_size} bounds an online index build's sort run (a build whose index outgrows
     * it merges runs through temporary files, which is how InnoDB always builds a large index).
     */
    static final List<String> RESOURCE_SETTINGS = List.of("innodb_buffer_pool_size", "innodb_sort_buffer_size",
            "sort_buffer_size", "innodb_online_alter_log_max_size", "innodb_flush_log_at_trx_commit", "sync_binlog",
            "log_bin", "innodb_doublewrite", "tmp_table_size");

    public static Optional<EngineRuntime.Resources> resources(Connection c, Collection<String> tables) throws SQLException {
        Map<String, String> read = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GLOBAL VARIABLES WHERE Variable_name IN ('"
                     + String.join("', '", RESOURCE_SETTINGS) + "')")) {
            while (rs.next()) read.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT), rs.getString(2));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String name : RESOURCE_SETTINGS) if (read.containsKey(name)) settings.put(name, read.get(name));
        Map<String, Long> sizes = new LinkedHashMap<>();
        // DATA_LENGTH + INDEX_LENGTH are InnoDB's page counts, current after the seed's ANALYZE TABLE
        try (PreparedStatement ps = c.prepareStatement("SELECT DATA_LENGTH + INDEX_LENGTH FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?")) {
            for (String table : tables) {
                ps.setString(1, table.contains(".") ? table.substring(table.lastIndexOf('.') + 1) : table);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getObject(1) != null) sizes.put(table, rs.getLong(1));
                }
            }
        }
        return Optional.of(new EngineRuntime.Resources("innodb_buffer_pool_size", number(read.get("innodb_buffer_pool_size")),
                settings, sizes, "innodb_sort_buffer_size", number(read.get("innodb_sort_buffer_size"))));
    }

    private static Long number(String value) {
        if (value == null) return null;
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
