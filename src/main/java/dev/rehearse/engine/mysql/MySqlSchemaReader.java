package dev.rehearse.engine.mysql;

import dev.rehearse.seed.ColumnModel;
import dev.rehearse.seed.ColumnType;
import dev.rehearse.seed.ColumnType.Kind;
import dev.rehearse.seed.SchemaReader;
import dev.rehearse.seed.TableModel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The current database's base tables from {@code information_schema}, for MySQL 5.7–9 and MariaDB alike: columns
 * (AUTO_INCREMENT as identity, generated columns never loaded), unique keys from the unique indexes, foreign keys,
 * CHECKs. MariaDB's JSON is LONGTEXT with a {@code json_valid(col)} CHECK: such a column is read as JSON and that
 * check dropped; MySQL's is a {@code json} column. Where CHECKs live differs: MariaDB's {@code CHECK_CONSTRAINTS}
 * names the table, MySQL 8.0.16+'s only the schema (the table is in {@code TABLE_CONSTRAINTS}), and 5.7 has none
 * (it parses CHECK and ignores it); the reader asks the server which it is once per read.
 */
public final class MySqlSchemaReader implements SchemaReader {

    private static final Pattern JSON_VALID = Pattern.compile("(?i)^\\s*json_valid\\(`([^`]+)`\\)\\s*$");

    /** MySQL 8's EXTRA says DEFAULT_GENERATED for a DEFAULT (CURRENT_TIMESTAMP): only these are generated columns. */
    private static final Pattern GENERATED = Pattern.compile("\\b(VIRTUAL|STORED|PERSISTENT) GENERATED\\b");

    private static final String CHECKS_BY_TABLE = "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE"
            + " FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() ORDER BY TABLE_NAME, CONSTRAINT_NAME";
    private static final String CHECKS_BY_SCHEMA = "SELECT tc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE"
            + " FROM information_schema.TABLE_CONSTRAINTS tc JOIN information_schema.CHECK_CONSTRAINTS cc"
            + " ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME"
            + " WHERE tc.CONSTRAINT_TYPE = 'CHECK' AND tc.TABLE_SCHEMA = DATABASE() ORDER BY tc.TABLE_NAME, cc.CONSTRAINT_NAME";

    @Override
    public List<TableModel> read(Connection c) throws SQLException {
        Map<String, List<TableModel.Check>> checks = new LinkedHashMap<>();
        Set<String> jsonColumns = new HashSet<>();
        for (String[] r : checks(c)) {
            Matcher m = JSON_VALID.matcher(r[2]);
            if (m.matches()) jsonColumns.add(r[0] + "." + m.group(1));
            else checks.computeIfAbsent(r[0], k -> new ArrayList<>()).add(new TableModel.Check(r[1], "CHECK (" + r[2] + ")"));
        }
        Map<String, List<ColumnModel>> columns = new LinkedHashMap<>();
        for (String t : rows(c, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                + " AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME", 1).stream().map(r -> r[0]).toList()) {
            columns.put(t, new ArrayList<>());
        }
        for (String[] r : rows(c, "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT,"
                + " EXTRA, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION", 10)) {
            List<ColumnModel> cols = columns.get(r[0]);
            if (cols == null) continue; // a view's column
            String extra = r[6] == null ? "" : r[6].toUpperCase(Locale.ROOT);
            // MariaDB spells "no default" of a nullable column as the string NULL.
            String dflt = r[5] == null || r[5].equals("NULL") ? null : r[5];
            ColumnType type = jsonColumns.contains(r[0] + "." + r[1]) ? ColumnType.of(Kind.JSON, "json") : type(r);
            String range = narrowRange(r[2].toLowerCase(Locale.ROOT), r[3].toLowerCase(Locale.ROOT), type);
            if (range != null) {
                // The generators know smallint's range, not tinyint's or unsigned ones: the type's range as a CHECK.
                checks.computeIfAbsent(r[0], k -> new ArrayList<>()).add(new TableModel.Check(
                        "range of " + r[3].toLowerCase(Locale.ROOT) + " column " + r[1],
                        "CHECK (" + LoadDataLocal.quote(r[1]) + " between " + range + ")"));
            }
            cols.add(new ColumnModel(r[1], type, "NO".equals(r[4]), dflt, null, extra.contains("AUTO_INCREMENT"),
                    GENERATED.matcher(extra).find(), List.of()));
        }
        Map<String, Map<String, List<String>>> unique = new LinkedHashMap<>();
        for (String[] r : rows(c, "SELECT TABLE_NAME, INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS"
                + " WHERE TABLE_SCHEMA = DATABASE() AND NON_UNIQUE = 0 ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX", 3)) {
            unique.computeIfAbsent(r[0], k -> new LinkedHashMap<>()).computeIfAbsent(r[1], k -> new ArrayList<>()).add(r[2]);
        }
        Map<String, Map<String, String[]>> fkHeads = new LinkedHashMap<>();
        Map<String, Map<String, List<String[]>>> fkCols = new LinkedHashMap<>();
        for (String[] r : rows(c, "SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA,"
                + " REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE"
                + " WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL"
                + " ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION", 6)) {
            fkHeads.computeIfAbsent(r[0], k -> new LinkedHashMap<>()).putIfAbsent(r[1], r);
            fkCols.computeIfAbsent(r[0], k -> new LinkedHashMap<>()).computeIfAbsent(r[1], k -> new ArrayList<>()).add(r);
        }
        String schema = rows(c, "SELECT DATABASE()", 1).get(0)[0];
        List<TableModel> out = new ArrayList<>();
        for (var e : columns.entrySet()) {
            String t = e.getKey();
            List<TableModel.UniqueKey> keys = new ArrayList<>();
            unique.getOrDefault(t, Map.of()).forEach((name, cols) -> keys.add(new TableModel.UniqueKey(name, cols,
                    name.equals("PRIMARY"))));
            List<TableModel.ForeignKey> fks = new ArrayList<>();
            fkHeads.getOrDefault(t, Map.of()).forEach((name, head) -> {
                List<String[]> parts = fkCols.get(t).get(name);
                fks.add(new TableModel.ForeignKey(name, parts.stream().map(p -> p[2]).toList(), head[3], head[4],
                        parts.stream().map(p -> p[5]).toList(), true, "FOREIGN KEY (" + String.join(", ",
                        parts.stream().map(p -> p[2]).toList()) + ") REFERENCES " + head[4]));
            });
            out.add(new TableModel(schema, t, e.getValue(), keys, fks, checks.getOrDefault(t, List.of())));
        }
        return out;
    }

    /** The generators' family for a column type; unsigned and tinyint ranges are the server's to enforce. */
    private static ColumnType type(String[] r) {
        String dataType = r[2].toLowerCase(Locale.ROOT);
        String columnType = r[3].toLowerCase(Locale.ROOT);
        int length = r[7] == null ? -1 : (int) Math.min(Integer.MAX_VALUE, Long.parseLong(r[7]));
        return switch (dataType) {
            case "tinyint" -> columnType.startsWith("tinyint(1)") ? ColumnType.of(Kind.BOOLEAN, columnType)
                    : ColumnType.of(Kind.SMALLINT, columnType);
            case "bit" -> columnType.equals("bit(1)") ? ColumnType.of(Kind.BOOLEAN, columnType) : ColumnType.of(Kind.UNSUPPORTED, columnType);
            case "smallint" -> ColumnType.of(Kind.SMALLINT, columnType);
            case "mediumint", "int" -> ColumnType.of(Kind.INTEGER, columnType);
            case "bigint" -> ColumnType.of(Kind.BIGINT, columnType);
            case "decimal" -> ColumnType.numeric(columnType, Integer.parseInt(r[8]), Integer.parseInt(r[9]));
            case "float" -> ColumnType.of(Kind.REAL, columnType);
            case "double" -> ColumnType.of(Kind.DOUBLE, columnType);
            case "varchar" -> ColumnType.sized(Kind.VARCHAR, columnType, length);
            case "char" -> ColumnType.sized(Kind.CHAR, columnType, length);
            case "tinytext" -> ColumnType.sized(Kind.VARCHAR, columnType, 255);
            case "text", "mediumtext", "longtext" -> ColumnType.of(Kind.TEXT, columnType);
            case "date" -> ColumnType.of(Kind.DATE, columnType);
            case "datetime", "timestamp" -> ColumnType.of(Kind.TIMESTAMP, columnType);
            case "time" -> ColumnType.of(Kind.TIME, columnType);
            case "uuid" -> ColumnType.of(Kind.UUID, columnType);
            case "json" -> ColumnType.of(Kind.JSON, columnType);
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> ColumnType.of(Kind.BYTEA, columnType);
            case "enum" -> ColumnType.enumOf(columnType, labels(columnType));
            default -> ColumnType.of(Kind.UNSUPPORTED, columnType);
        };
    }

    /** The bounds ({@code lo and hi}) of an integer type narrower than its generator family's, else null. */
    private static String narrowRange(String dataType, String columnType, ColumnType type) {
        if (!type.isInteger()) return null;
        boolean unsigned = columnType.contains("unsigned");
        return switch (dataType) {
            case "tinyint" -> unsigned ? "0 and 255" : "-128 and 127";
            case "smallint" -> unsigned ? "0 and 65535" : null;
            case "mediumint" -> unsigned ? "0 and 16777215" : "-8388608 and 8388607";
            case "int" -> unsigned ? "0 and 4294967295" : null;
            case "bigint" -> unsigned ? "0 and 9223372036854775807" : null;
            default -> null;
        };
    }

    /** {@code enum('a','b''c')} → [a, b'c]. */
    private static List<String> labels(String columnType) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("'((?:[^']|'')*)'").matcher(columnType);
        while (m.find()) out.add(m.group(1).replace("''", "'"));
        return out;
    }

    /** The CHECKs of the database's tables, wherever this server keeps them; none on MySQL 5.7. */
    private static List<String[]> checks(Connection c) throws SQLException {
        List<String[]> columns = rows(c, "SELECT COLUMN_NAME FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = 'information_schema' AND TABLE_NAME = 'CHECK_CONSTRAINTS'", 1);
        if (columns.isEmpty()) return List.of();
        boolean byTable = columns.stream().anyMatch(r -> r[0].equalsIgnoreCase("TABLE_NAME"));
        return rows(c, byTable ? CHECKS_BY_TABLE : CHECKS_BY_SCHEMA, 3);
    }

    private static List<String[]> rows(Connection c, String sql, int width) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String[] r = new String[width];
                for (int i = 0; i < width; i++) r[i] = rs.getString(i + 1);
                out.add(r);
            }
        }
        return out;
    }
}
