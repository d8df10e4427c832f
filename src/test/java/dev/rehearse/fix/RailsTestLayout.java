package dev.rehearse.fix;

import dev.rehearse.engine.Engines;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.scenario.EngineSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test's SQL migration as a Rails team writes it: {@code V3__x.sql} is {@code 20260101030000_x.rb} (an hour apart,
 * room for the fix's steps), each statement the DSL call Rails has for it where it has one ({@code add_index},
 * {@code change_column_null}, {@code add_foreign_key}, {@code add_check_constraint}), else {@code execute}; the
 * file's own BEGIN/COMMIT left out, as ActiveRecord wraps the migration in a transaction itself. A migration of DSL
 * calls only is {@code change}, else {@code up}.
 */
final class RailsTestLayout {

    private RailsTestLayout() {}

    private static final String ID = "([A-Za-z_][A-Za-z0-9_]*)";
    private static final Pattern INDEX = Pattern.compile("(?is)CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(CONCURRENTLY\\s+)?" + ID
            + "\\s+ON\\s+" + ID + "\\s*\\(([\\w, ]+)\\)");
    private static final Pattern NOT_NULL = Pattern.compile("(?is)ALTER\\s+TABLE\\s+" + ID + "\\s+ALTER\\s+COLUMN\\s+" + ID + "\\s+SET\\s+NOT\\s+NULL");
    private static final Pattern FK = Pattern.compile("(?is)ALTER\\s+TABLE\\s+" + ID + "\\s+ADD\\s+CONSTRAINT\\s+" + ID
            + "\\s+FOREIGN\\s+KEY\\s*\\(" + ID + "\\)\\s*REFERENCES\\s+" + ID + "\\s*\\(id\\)");
    private static final Pattern CHECK = Pattern.compile("(?is)ALTER\\s+TABLE\\s+" + ID + "\\s+ADD\\s+CONSTRAINT\\s+" + ID
            + "\\s+CHECK\\s*\\((.*)\\)");

    static void place(Path from, Path dir, String name) throws IOException {
        Matcher n = Pattern.compile("^V(\\d+)__(.*)\\.sql$").matcher(name);
        if (!n.matches()) throw new IllegalArgumentException(name);
        String snake = n.group(2).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
        String file = String.format("20260101%02d0000_%s.rb", Integer.parseInt(n.group(1)), snake);
        List<SqlStatement> statements = Engines.dialect(EngineSpec.DEFAULT).splitter().split(Files.readString(from));
        List<String> calls = new ArrayList<>();
        boolean dslOnly = true;
        for (SqlStatement s : statements) {
            if (s.kind() == SqlStatement.Kind.TRANSACTION_CONTROL) continue;
            String call = dsl(s.sql().strip());
            if (call == null) {
                dslOnly = false;
                calls.add(RailsDsl.execute(s.sql(), "    "));
            } else {
                calls.add("    " + call + "\n");
            }
        }
        StringBuilder b = new StringBuilder("class ").append(dev.rehearse.migrate.rails.RailsFile.camelize(snake))
                .append(" < ActiveRecord::Migration[7.1]\n");
        b.append("  def ").append(dslOnly ? "change" : "up").append('\n');
        for (String c : calls) b.append(c);
        b.append("  end\nend\n");
        Files.writeString(dir.resolve(file), b.toString());
    }

    private static String dsl(String sql) {
        Matcher m;
        if ((m = INDEX.matcher(sql)).matches()) {
            String[] cols = m.group(5).split(",");
            String col = cols.length == 1 ? ":" + cols[0].strip()
                    : "[" + String.join(", ", java.util.Arrays.stream(cols).map(c -> ":" + c.strip()).toList()) + "]";
            return "add_index :" + m.group(4) + ", " + col + ", name: \"" + m.group(3) + "\""
                    + (m.group(1) != null ? ", unique: true" : "") + (m.group(2) != null ? ", algorithm: :concurrently" : "");
        }
        if ((m = NOT_NULL.matcher(sql)).matches()) return "change_column_null :" + m.group(1) + ", :" + m.group(2) + ", false";
        if ((m = FK.matcher(sql)).matches()) {
            return "add_foreign_key :" + m.group(1) + ", :" + m.group(4) + ", column: :" + m.group(3) + ", name: \"" + m.group(2) + "\"";
        }
        if ((m = CHECK.matcher(sql)).matches() && !m.group(3).contains("\"")) {
            return "add_check_constraint :" + m.group(1) + ", \"" + m.group(3).strip() + "\", name: \"" + m.group(2) + "\"";
        }
        return null;
    }
}
