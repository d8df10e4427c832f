package dev.rehearse.engine.mysql;

import dev.rehearse.engine.CatalogReader;
import dev.rehearse.model.Catalog;
import dev.rehearse.model.Catalog.Item;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The MySQL family's schema from {@code information_schema}, for the database the connection uses, for
 * {@code drift}: tables (engine, collation), sequences (MariaDB), columns (type, NULL, default, collation, extra,
 * generation), indexes (uniqueness, type, key parts), foreign keys (columns, reference, rules) and CHECKs where the
 * server keeps them, views (without the database's name, which differs between two copies), triggers, routines'
 * signatures; grants only when asked. Items are named within the database ({@code users}, {@code users.email}).
 */
public final class MySqlCatalogReader implements CatalogReader {

    /** Names the server makes up: {@code orders_ibfk_1}, MySQL 8's {@code orders_chk_1}, MariaDB's {@code CONSTRAINT_1}. */
    private static final Pattern GENERATED = Pattern.compile("_(ibfk|chk)_\\d+$");

    @Override
    public String tableName(String schema, String table) {
        return table;
    }

    /**
     * {@code SHOW CREATE TABLE} / {@code VIEW} as the server prints them, foreign-key checks off while they run (tables
     * come in name order), the database's name and views' definers left out; triggers and routines are said, not
     * recreated.
     */
    @Override
    public List<String> schemaStatements(Connection c, Set<String> exclude, java.util.function.Consumer<String> warnings)
            throws SQLException {
        CatalogReader.readOnly(c);
        try {
            String database = one(c, "SELECT DATABASE()");
            String qualifier = "`" + database.replace("`", "``") + "`.";
            List<String> out = new ArrayList<>(List.of("SET FOREIGN_KEY_CHECKS = 0"));
            List<String[]> views = new ArrayList<>();
            for (String[] r : rows(c, "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?"
                    + " ORDER BY TABLE_NAME", database)) {
                if (exclude.contains(r[0])) continue;
                if (r[1].equals("VIEW")) {
                    views.add(r);
                    continue;
                }
                try (var s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW CREATE TABLE `" + r[0].replace("`", "``") + "`")) {
                    if (rs.next()) out.add(rs.getString(2));
                }
            }
            for (String[] v : views) {
                try (var s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW CREATE VIEW `" + v[0].replace("`", "``") + "`")) {
                    if (rs.next()) out.add(rs.getString(2).replaceFirst(" DEFINER=`[^`]*`@`[^`]*`", "").replace(qualifier, ""));
                }
            }
            out.add("SET FOREIGN_KEY_CHECKS = 1");
            int triggers = rows(c, "SELECT 1 FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?", database).size();
            int routines = rows(c, "SELECT 1 FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?", database).size();
            if (triggers + routines > 0) warnings.accept(triggers + " triggers and " + routines + " routines are not recreated");
            return out;
        } finally {
            c.rollback();
        }
    }

    @Override
    public Catalog read(Connection c, Set<String> exclude, boolean withPrivileges) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("SET SESSION group_concat_max_len = 1048576"); // key parts and signatures are concatenated
        }
        CatalogReader.readOnly(c);
        String database = one(c, "SELECT DATABASE()");
        String version = one(c, "SELECT VERSION()");
        List<Item> items = new ArrayList<>();
        for (String[] r : rows(c, "SELECT TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE <> 'VIEW'", database)) {
            if (exclude.contains(r[0])) continue;
            TreeMap<String, String> a = new TreeMap<>();
            if ("SEQUENCE".equals(r[1])) {
                items.add(new Item("sequence", r[0], null, false, a));
                continue;
            }
            a.put("kind", r[1].equals("BASE TABLE") ? "table" : r[1].toLowerCase(java.util.Locale.ROOT));
            put(a, "engine", r[2]);
            put(a, "collation", r[3]);
            items.add(new Item("table", r[0], null, false, a));
        }
        for (String[] r : rows(c, "SELECT c.TABLE_NAME, c.COLUMN_NAME, c.COLUMN_TYPE, c.IS_NULLABLE, c.COLUMN_DEFAULT,"
                + " c.COLLATION_NAME, c.EXTRA, c.GENERATION_EXPRESSION FROM information_schema.COLUMNS c"
                + " WHERE c.TABLE_SCHEMA = ?", database)) {
            if (exclude.contains(r[0])) continue;
            TreeMap<String, String> a = new TreeMap<>();
            a.put("type", r[2]);
            a.put("nullable", "YES".equals(r[3]) ? "NULL" : "NOT NULL");
            put(a, "default", r[4]);
            put(a, "collation", r[5]);
            if (r[6] != null && !r[6].isBlank()) a.put("extra", r[6]);
            if (r[7] != null && !r[7].isBlank()) a.put("generated", r[7]);
            items.add(new Item("column", r[0] + "." + r[1], r[0], false, a));
        }
        Map<String, TreeMap<String, String>> indexes = new LinkedHashMap<>();
        Map<String, StringBuilder> parts = new LinkedHashMap<>();
        for (String[] r : rows(c, "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, INDEX_TYPE, COLUMN_NAME, SUB_PART, COLLATION"
                + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX", database)) {
            if (exclude.contains(r[0])) continue;
            String key = r[0] + "." + r[1];
            indexes.computeIfAbsent(key, k -> {
                TreeMap<String, String> a = new TreeMap<>();
                a.put("unique", String.valueOf("0".equals(r[2])));
                a.put("type", r[3]);
                return a;
            });
            StringBuilder b = parts.computeIfAbsent(key, k -> new StringBuilder());
            if (!b.isEmpty()) b.append(", ");
            b.append(r[4] == null ? "(expression)" : r[4]).append(r[5] == null ? "" : "(" + r[5] + ")")
                    .append("D".equals(r[6]) ? " DESC" : "");
        }
        indexes.forEach((key, a) -> {
            a.put("columns", parts.get(key).toString());
            String table = key.substring(0, key.indexOf('.'));
            items.add(new Item("index", key, table, false, a));
        });
        Map<String, TreeMap<String, String>> fks = new LinkedHashMap<>();
        for (String[] r : rows(c, "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, GROUP_CONCAT(k.COLUMN_NAME ORDER BY k.ORDINAL_POSITION),"
                + " k.REFERENCED_TABLE_NAME, GROUP_CONCAT(k.REFERENCED_COLUMN_NAME ORDER BY k.ORDINAL_POSITION),"
                + " r.UPDATE_RULE, r.DELETE_RULE"
                + " FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r"
                + " ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME"
                + " WHERE k.TABLE_SCHEMA = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL"
                + " GROUP BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.REFERENCED_TABLE_NAME, r.UPDATE_RULE, r.DELETE_RULE", database)) {
            if (exclude.contains(r[0])) continue;
            TreeMap<String, String> a = new TreeMap<>();
            a.put("type", "FOREIGN KEY");
            a.put("definition", "(" + r[2] + ") REFERENCES " + r[3] + " (" + r[4] + ") ON UPDATE " + r[5] + " ON DELETE " + r[6]);
            fks.put(r[0] + "." + r[1], a);
            items.add(new Item("constraint", r[0] + "." + r[1], r[0], generated(r[0], r[1]), a));
        }
        if (has(c, "CHECK_CONSTRAINTS", null)) {
            // MariaDB names a CHECK within its table; MySQL within the schema, and has no TABLE_NAME there
            boolean perTable = has(c, "CHECK_CONSTRAINTS", "TABLE_NAME");
            for (String[] r : rows(c, "SELECT t.TABLE_NAME, t.CONSTRAINT_NAME, k.CHECK_CLAUSE FROM information_schema.TABLE_CONSTRAINTS t"
                    + " JOIN information_schema.CHECK_CONSTRAINTS k ON k.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA"
                    + " AND k.CONSTRAINT_NAME = t.CONSTRAINT_NAME" + (perTable ? " AND k.TABLE_NAME = t.TABLE_NAME" : "")
                    + " WHERE t.TABLE_SCHEMA = ? AND t.CONSTRAINT_TYPE = 'CHECK'", database)) {
                if (exclude.contains(r[0])) continue;
                TreeMap<String, String> a = new TreeMap<>();
                a.put("type", "CHECK");
                a.put("definition", r[2]);
                items.add(new Item("constraint", r[0] + "." + r[1], r[0], generated(r[0], r[1]), a));
            }
        }
        String qualifier = "`" + database.replace("`", "``") + "`.";
        for (String[] r : rows(c, "SELECT TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION FROM information_schema.VIEWS"
                + " WHERE TABLE_SCHEMA = ?", database)) {
            TreeMap<String, String> a = new TreeMap<>();
            a.put("kind", "view");
            a.put("definition", r[1] == null ? "" : r[1].replace(qualifier, "").trim().replaceAll("\\s+", " "));
            put(a, "checkOption", "NONE".equals(r[2]) ? null : r[2]);
            items.add(new Item("view", r[0], null, false, a));
        }
        for (String[] r : rows(c, "SELECT EVENT_OBJECT_TABLE, TRIGGER_NAME, ACTION_TIMING, EVENT_MANIPULATION, ACTION_STATEMENT"
                + " FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?", database)) {
            if (exclude.contains(r[0])) continue;
            TreeMap<String, String> a = new TreeMap<>();
            a.put("definition", r[2] + " " + r[3] + " FOR EACH ROW " + r[4].replace(qualifier, "").trim());
            items.add(new Item("trigger", r[0] + "." + r[1], r[0], false, a));
        }
        for (String[] r : rows(c, "SELECT r.ROUTINE_NAME, r.ROUTINE_TYPE, r.DTD_IDENTIFIER,"
                + " (SELECT GROUP_CONCAT(CONCAT_WS(' ', p.PARAMETER_MODE, p.DTD_IDENTIFIER) ORDER BY p.ORDINAL_POSITION SEPARATOR ', ')"
                + "  FROM information_schema.PARAMETERS p WHERE p.SPECIFIC_SCHEMA = r.ROUTINE_SCHEMA"
                + "  AND p.SPECIFIC_NAME = r.SPECIFIC_NAME AND p.ORDINAL_POSITION > 0)"
                + " FROM information_schema.ROUTINES r WHERE r.ROUTINE_SCHEMA = ?", database)) {
            TreeMap<String, String> a = new TreeMap<>();
            a.put("kind", r[1].toLowerCase(java.util.Locale.ROOT));
            put(a, "result", r[2]);
            items.add(new Item("function", r[0] + "(" + (r[3] == null ? "" : r[3]) + ")", null, false, a));
        }
        if (withPrivileges) {
            for (String[] r : rows(c, "SELECT TABLE_NAME, GROUP_CONCAT(CONCAT(GRANTEE, ' ', PRIVILEGE_TYPE) ORDER BY GRANTEE,"
                    + " PRIVILEGE_TYPE SEPARATOR ', ') FROM information_schema.TABLE_PRIVILEGES WHERE TABLE_SCHEMA = ?"
                    + " GROUP BY TABLE_NAME", database)) {
                if (exclude.contains(r[0])) continue;
                TreeMap<String, String> a = new TreeMap<>();
                a.put("grants", r[1]);
                items.add(new Item("privilege", r[0], r[0], false, a));
            }
        }
        c.rollback();
        return new Catalog(version.toLowerCase(java.util.Locale.ROOT).contains("mariadb") ? "mariadb" : "mysql", version, items);
    }

    /** Whether the server would have chosen {@code name} itself for a constraint on {@code table}. */
    static boolean generated(String table, String name) {
        return (name.startsWith(table + "_") && GENERATED.matcher(name).find()) || name.matches("CONSTRAINT_\\d+");
    }

    /** Whether {@code information_schema} has the table (and the column, when one is named). */
    private static boolean has(Connection c, String table, String column) throws SQLException {
        return !rows(c, "SELECT 1 FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'information_schema'"
                + " AND TABLE_NAME = ?" + (column == null ? "" : " AND COLUMN_NAME = '" + column + "'"), table).isEmpty();
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String[]> rows(Connection c, String sql, String param) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    String[] row = new String[n];
                    for (int i = 0; i < n; i++) row[i] = rs.getString(i + 1);
                    out.add(row);
                }
            }
        }
        return out;
    }

    private static void put(TreeMap<String, String> a, String key, String value) {
        if (value != null) a.put(key, value);
    }
}
