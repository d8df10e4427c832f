package dev.rehearse.fix;

import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.rails.RailsFile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL statement of a fix as the ActiveRecord call Rails has for it, from the Rails version that has it (its
 * API docs): {@code add_index ... algorithm: :concurrently} (4.0), {@code remove_index ... algorithm: :concurrently}
 * (4.2), {@code add_foreign_key ... validate: false} and {@code validate_foreign_key} (5.2),
 * {@code add_check_constraint ... validate: false}, {@code validate_check_constraint} and
 * {@code remove_check_constraint} (6.1; its {@code if_not_exists:}, which a rollback inverts to {@code if_exists:},
 * 7.1), {@code if_not_exists:}/{@code if_exists:} on indexes (6.1),
 * {@code change_column_null}, {@code change_column_default} (its {@code from:}/{@code to:} 5.0). A call is used only
 * when this project's Rails reader reads it back to the same statement (quoting and spacing aside); anything else
 * is an {@code execute}.
 */
final class RailsDsl {

    private static final String ID = "\"?([A-Za-z_][A-Za-z0-9_]*)\"?";
    private static final Pattern CREATE_INDEX = Pattern.compile("(?is)CREATE\\s+(UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\s+(IF\\s+NOT\\s+EXISTS\\s+)?"
            + ID + "\\s+ON\\s+" + ID + "(?:\\s+USING\\s+(\\w+))?\\s*\\(([\\w\", ]+)\\)(?:\\s+WHERE\\s+(.+))?");
    private static final Pattern DROP_INDEX = Pattern.compile("(?is)DROP\\s+INDEX\\s+CONCURRENTLY\\s+(IF\\s+EXISTS\\s+)?" + ID);
    private static final Pattern ADD_FK = Pattern.compile("(?is)ALTER\\s+TABLE\\s+" + ID + "\\s+ADD\\s+CONSTRAINT\\s+" + ID
            + "\\s+FOREIGN\\s+KEY\\s*\\(" + ID + "\\)\\s*REFERENCES\\s+" + ID + "\\s*\\(" + ID + "\\)"
            + "(?:\\s+ON\\s+DELETE\\s+(CASCADE|SET\\s+NULL|RESTRICT))?(?:\\s+ON\\s+UPDATE\\s+(CASCADE|SET\\s+NULL|RESTRICT))?\\s+NOT\\s+VALID");
    private static final Pattern ADD_CHECK = Pattern.compile("(?is)ALTER\\s+TABLE\\s+" + ID + "\\s+ADD\\s+CONSTRAINT\\s+" + ID
            + "\\s+CHECK\\s*\\((.*)\\)\\s+NOT\\s+VALID");
    private static final Pattern VALIDATE = Pattern.compile("(?is)ALTER\\s+TABLE\\s+" + ID + "\\s+VALIDATE\\s+CONSTRAINT\\s+" + ID);
    private static final Pattern DROP_CONSTRAINT = Pattern.compile("(?is)ALTER\\s+TABLE\\s+" + ID + "\\s+DROP\\s+CONSTRAINT\\s+" + ID);
    private static final Pattern NULL = Pattern.compile("(?is)ALTER\\s+TABLE\\s+" + ID + "\\s+ALTER\\s+COLUMN\\s+" + ID + "\\s+(SET|DROP)\\s+NOT\\s+NULL");
    private static final Pattern DEFAULT = Pattern.compile("(?is)ALTER\\s+TABLE\\s+" + ID + "\\s+ALTER\\s+COLUMN\\s+" + ID
            + "\\s+(?:SET\\s+DEFAULT\\s+(.+)|(DROP\\s+DEFAULT))");
    private static final Pattern ADD_COLUMN = Pattern.compile("(?is)ALTER\\s+TABLE\\s+" + ID + "\\s+ADD\\s+(?:COLUMN\\s+)?" + ID + "\\s+.*");
    private static final Pattern INDEX_OF = Pattern.compile("(?is)CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?"
            + ID + "\\s+ON\\s+(?:ONLY\\s+)?" + ID + ".*");

    private final double version;
    private final String superclass;
    private final Set<String> foreignKeys, checks, addedColumns;
    private final List<Migration> all;

    RailsDsl(double version, String superclass, Set<String> foreignKeys, Set<String> checks, Set<String> addedColumns,
             List<Migration> all) {
        this.version = version;
        this.superclass = superclass;
        this.foreignKeys = foreignKeys;
        this.checks = checks;
        this.addedColumns = addedColumns;
        this.all = all;
    }

    /** What the fix's statements tell about the names a later call needs: a constraint's kind, a column it adds. */
    static void learn(String sql, Set<String> foreignKeys, Set<String> checks, Set<String> addedColumns) {
        Matcher m;
        if ((m = ADD_FK.matcher(sql.strip())).matches()) foreignKeys.add(m.group(2));
        else if ((m = ADD_CHECK.matcher(sql.strip())).matches()) checks.add(m.group(2));
        else if ((m = ADD_COLUMN.matcher(sql.strip())).matches() && !sql.toUpperCase(java.util.Locale.ROOT).contains(" CONSTRAINT ")) {
            addedColumns.add(m.group(1) + "." + m.group(2));
        }
    }

    /**
     * @param reversible the call must be one Rails can invert (it stands in a {@code change} method)
     * @return the call, or null for an execute
     */
    String call(String sql, boolean reversible) {
        String s = sql.strip();
        String call = candidate(s, reversible);
        if (call == null) return null;
        List<String> back = RailsFile.upSql("class RehearseFixCheck < " + superclass + "\n  def up\n    " + call + "\n  end\nend\n");
        if (back == null || back.size() != 1 || !normal(back.get(0)).equals(normal(s))) return null;
        return call;
    }

    private String candidate(String s, boolean reversible) {
        Matcher m;
        if ((m = CREATE_INDEX.matcher(s)).matches() && version >= 4.0) {
            if (m.group(2) != null && version < 6.1) return null;
            List<String> cols = new ArrayList<>();
            for (String c : m.group(6).split(",")) {
                String col = c.strip().replace("\"", "");
                if (!col.matches("[A-Za-z_][A-Za-z0-9_]*")) return null;
                cols.add(col);
            }
            StringBuilder b = new StringBuilder("add_index ").append(sym(m.group(4))).append(", ");
            b.append(cols.size() == 1 ? sym(cols.get(0)) : "[" + String.join(", ", cols.stream().map(RailsDsl::sym).toList()) + "]");
            b.append(", name: ").append(str(m.group(3)));
            if (m.group(1) != null) b.append(", unique: true");
            if (m.group(5) != null) b.append(", using: ").append(sym(m.group(5).toLowerCase(java.util.Locale.ROOT)));
            if (m.group(7) != null) b.append(", where: ").append(str(m.group(7).strip()));
            if (m.group(2) != null) b.append(", if_not_exists: true");
            return b.append(", algorithm: :concurrently").toString();
        }
        if ((m = DROP_INDEX.matcher(s)).matches() && version >= 4.2 && !reversible) {
            if (m.group(1) != null && version < 6.1) return null;
            String table = indexTable(m.group(2));
            if (table == null) return null;
            return "remove_index " + sym(table) + ", name: " + str(m.group(2)) + (m.group(1) != null ? ", if_exists: true" : "")
                    + ", algorithm: :concurrently";
        }
        if ((m = ADD_FK.matcher(s)).matches() && version >= 5.2) {
            StringBuilder b = new StringBuilder("add_foreign_key ").append(sym(m.group(1))).append(", ").append(sym(m.group(4)))
                    .append(", column: ").append(sym(m.group(3))).append(", primary_key: ").append(sym(m.group(5)))
                    .append(", name: ").append(str(m.group(2)));
            if (m.group(6) != null) b.append(", on_delete: ").append(action(m.group(6)));
            if (m.group(7) != null) b.append(", on_update: ").append(action(m.group(7)));
            return b.append(", validate: false").toString();
        }
        if ((m = ADD_CHECK.matcher(s)).matches() && version >= 6.1) {
            // in change, Rails inverts it on rollback: the fix's down drops it IF EXISTS (a later step may have dropped
            // it already), which 7.1's if_not_exists: inverts to
            if (reversible && version < 7.1) return null;
            return "add_check_constraint " + sym(m.group(1)) + ", " + str(m.group(3).strip()) + ", name: " + str(m.group(2))
                    + ", validate: false" + (reversible ? ", if_not_exists: true" : "");
        }
        if ((m = VALIDATE.matcher(s)).matches()) {
            if (foreignKeys.contains(m.group(2)) && version >= 5.2) return "validate_foreign_key " + sym(m.group(1)) + ", name: " + str(m.group(2));
            if (checks.contains(m.group(2)) && version >= 6.1) return "validate_check_constraint " + sym(m.group(1)) + ", name: " + str(m.group(2));
            return null;
        }
        if ((m = DROP_CONSTRAINT.matcher(s)).matches() && checks.contains(m.group(2)) && version >= 6.1 && !reversible) {
            return "remove_check_constraint " + sym(m.group(1)) + ", name: " + str(m.group(2));
        }
        if ((m = NULL.matcher(s)).matches()) {
            return "change_column_null " + sym(m.group(1)) + ", " + sym(m.group(2)) + ", " + m.group(3).equalsIgnoreCase("DROP");
        }
        if ((m = DEFAULT.matcher(s)).matches()) {
            String value = m.group(4) != null ? "nil" : value(m.group(3).strip());
            if (value == null) return null;
            if (!reversible) return "change_column_default " + sym(m.group(1)) + ", " + sym(m.group(2)) + ", " + value;
            // reversible only with from:, known when the fix itself added the column (it had no default)
            if (version < 5.0 || !addedColumns.contains(m.group(1) + "." + m.group(2))) return null;
            return "change_column_default " + sym(m.group(1)) + ", " + sym(m.group(2)) + ", from: nil, to: " + value;
        }
        return null;
    }

    /** The table an index is on, from the migrations that create it. */
    private String indexTable(String index) {
        String table = null;
        for (Migration x : all) {
            for (SqlStatement st : x.statements()) {
                Matcher m = INDEX_OF.matcher(st.sql().strip());
                if (m.matches() && m.group(1).equals(index)) table = m.group(2);
            }
        }
        return table;
    }

    private static String action(String a) {
        return switch (a.toUpperCase(java.util.Locale.ROOT).replaceAll("\\s+", " ")) {
            case "CASCADE" -> ":cascade";
            case "SET NULL" -> ":nullify";
            default -> ":restrict";
        };
    }

    /** A default's SQL as the Ruby value ActiveRecord quotes back to it: a literal, else raw SQL in a lambda. */
    private static String value(String sql) {
        if (sql.matches("-?\\d+(\\.\\d+)?")) return sql;
        if (sql.equalsIgnoreCase("true") || sql.equalsIgnoreCase("false")) return sql.toLowerCase(java.util.Locale.ROOT);
        if (sql.matches("'([^']|'')*'")) return str(sql.substring(1, sql.length() - 1).replace("''", "'"));
        return "-> { " + str(sql) + " }";
    }

    static String sym(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? ":" + name : ":" + str(name);
    }

    /** A Ruby string literal of the text, nothing in it interpolated. */
    static String str(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("#", "\\#") + "\"";
    }

    /** {@code execute} of one statement: a one-line string, or a heredoc nothing in which is interpolated. */
    static String execute(String sql, String indent) {
        String s = sql.strip();
        if (!s.contains("\n") && !s.contains("\"") && !s.contains("\\") && !s.contains("#")) {
            return indent + "execute \"" + s + "\"\n";
        }
        String end = "SQL";
        while (s.contains(end)) end = end + "_";
        StringBuilder b = new StringBuilder(indent).append("execute <<~'").append(end).append("'\n");
        for (String l : s.split("\n", -1)) b.append(l.isBlank() ? "" : indent + "  " + l).append('\n');
        return b.append(indent).append(end).append('\n').toString();
    }

    /** A statement with ActiveRecord's quoting and spacing taken out, for comparing what is read back. */
    static String normal(String sql) {
        return sql.replace("\"", "").replaceAll("\\s+", " ").replaceAll("\\( ", "(").replaceAll(" \\)", ")")
                .replaceAll("\\s*,\\s*", ", ").strip();
    }
}
