package dev.rehearse.provision;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The tables and columns of a server the user owns, as JDBC's metadata lists them in the connection's database (every
 * driver answers it the same way): taken before a rehearsal writes to an external target and after it, so that the run
 * can say what it left there and how to remove it.
 *
 * @param tables {@code schema.table} (or {@code table} where the engine has no schemas), as the server spells them
 * @param columns {@code table.column}, the table written as in {@code tables}
 */
public record TargetCatalog(Set<String> tables, Set<String> columns) {

    public TargetCatalog {
        tables = Set.copyOf(tables);
        columns = Set.copyOf(columns);
    }

    public static TargetCatalog read(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String database = c.getCatalog();
        Set<String> tables = new LinkedHashSet<>(), columns = new LinkedHashSet<>();
        try (ResultSet rs = meta.getTables(database, null, "%", new String[]{"TABLE"})) {
            while (rs.next()) tables.add(name(rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME")));
        }
        try (ResultSet rs = meta.getColumns(database, null, "%", "%")) {
            while (rs.next()) {
                String table = name(rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME"));
                if (tables.contains(table)) columns.add(table + "." + rs.getString("COLUMN_NAME"));
            }
        }
        return new TargetCatalog(tables, columns);
    }

    private static String name(String schema, String table) {
        return schema == null || schema.isEmpty() ? table : schema + "." + table;
    }

    /**
     * What is in {@code after} and not here, as lines for the console, and the statements that remove it; empty when
     * nothing was left.
     *
     * @param quote the engine's quoting of one identifier, for names that need it
     */
    public List<String> leftBehind(TargetCatalog after, UnaryOperator<String> quote) {
        List<String> newTables = after.tables.stream().filter(t -> !tables.contains(t)).sorted().toList();
        List<String> newColumns = after.columns.stream()
                .filter(col -> !columns.contains(col) && tables.contains(col.substring(0, col.lastIndexOf('.'))))
                .sorted().toList();
        List<String> out = new ArrayList<>();
        if (!newTables.isEmpty()) out.add("tables created: " + String.join(", ", newTables));
        if (!newColumns.isEmpty()) out.add("columns added to tables that were there: " + String.join(", ", newColumns));
        if (out.isEmpty()) return out;
        List<String> drops = new ArrayList<>();
        if (!newTables.isEmpty()) {
            drops.add("DROP TABLE " + String.join(", ", newTables.stream().map(t -> qualified(t, quote)).toList()));
        }
        for (String col : newColumns) {
            int dot = col.lastIndexOf('.');
            drops.add("ALTER TABLE " + qualified(col.substring(0, dot), quote) + " DROP COLUMN "
                    + identifier(col.substring(dot + 1), quote));
        }
        out.add("to remove them: " + String.join("; ", drops) + ";");
        return out;
    }

    private static String qualified(String name, UnaryOperator<String> quote) {
        int dot = name.indexOf('.');
        return dot < 0 ? identifier(name, quote)
                : identifier(name.substring(0, dot), quote) + "." + identifier(name.substring(dot + 1), quote);
    }

    private static String identifier(String name, UnaryOperator<String> quote) {
        return name.matches("[a-z_][a-z0-9_]*") && !name.toUpperCase(Locale.ROOT).equals("USER") ? name : quote.apply(name);
    }
}
