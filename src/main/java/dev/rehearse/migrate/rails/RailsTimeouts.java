package dev.rehearse.migrate.rails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rehearse.migrate.SqlStatement;
import org.jruby.ast.AttrAssignNode;
import org.jruby.ast.CallNode;
import org.jruby.ast.ConstNode;
import org.jruby.ast.FixnumNode;
import org.jruby.ast.ListNode;
import org.jruby.ast.Node;
import org.jruby.ast.RootNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deploy's timeouts as a Rails app sets them: {@code variables:} of {@code config/database.yml} (the
 * {@code production} entry, else the first), which ActiveRecord sends as {@code SET SESSION} on connecting, and
 * {@code StrongMigrations.lock_timeout}/{@code statement_timeout} in {@code config/initializers/strong_migrations.rb},
 * which strong_migrations sends before migrating. The initializer wins where both set one. Read once per read, from
 * the Rails root above the migrations folder.
 */
final class RailsTimeouts {

    private RailsTimeouts() {}

    static List<SqlStatement> find(List<Path> paths, ActiveRecordSql.Adapter adapter) {
        if (paths.isEmpty()) return List.of();
        Path root = railsRoot(paths.get(0).toAbsolutePath().normalize());
        if (root == null) return List.of();
        Map<String, String> settings = new LinkedHashMap<>();
        databaseYml(root.resolve("config/database.yml"), settings);
        strongMigrations(root.resolve("config/initializers/strong_migrations.rb"), settings);
        List<SqlStatement> out = new ArrayList<>();
        settings.forEach((k, v) -> {
            String sql = adapter == ActiveRecordSql.Adapter.POSTGRES ? "SET SESSION " + k + " TO " + ActiveRecordSql.quote(v)
                    : k.equals("lock_timeout") ? "SET SESSION lock_wait_timeout = " + Math.max(1, millis(v) / 1000)
                    : "SET SESSION max_execution_time = " + millis(v);
            out.add(new SqlStatement(sql, 1, SqlStatement.Kind.TRANSACTIONAL));
        });
        return out;
    }

    private static Path railsRoot(Path p) {
        for (Path dir = Files.isDirectory(p) ? p : p.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("config")) && Files.isDirectory(dir.resolve("db"))) return dir;
        }
        return null;
    }

    private static void databaseYml(Path file, Map<String, String> settings) {
        if (!Files.isRegularFile(file)) return;
        JsonNode root;
        try {
            // ERB tags (<%= ENV[...] %>) are not YAML; their lines cannot hold the variables we read
            String text = Files.readString(file).replaceAll("<%.*?%>", "");
            root = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (IOException | RuntimeException e) {
            return; // an unreadable database.yml sets nothing we can know
        }
        if (root == null || !root.isObject()) return;
        JsonNode env = root.has("production") ? root.get("production") : root.elements().hasNext() ? root.elements().next() : null;
        if (env == null) return;
        if (env.has("primary") && env.get("primary").isObject()) env = env.get("primary");
        JsonNode vars = env.get("variables");
        if (vars == null || !vars.isObject()) return;
        for (String k : List.of("lock_timeout", "statement_timeout")) {
            if (vars.has(k) && !vars.get(k).isNull()) settings.put(k, vars.get(k).asText());
        }
    }

    private static void strongMigrations(Path file, Map<String, String> settings) {
        if (!Files.isRegularFile(file)) return;
        Node root;
        try {
            root = Ruby.parse(file, Files.readString(file));
        } catch (IOException e) {
            return;
        }
        visit(root, settings);
    }

    private static void visit(Node n, Map<String, String> settings) {
        if (n == null) return;
        if (n instanceof AttrAssignNode a && a.getReceiverNode() instanceof ConstNode c
                && c.getName().idString().equals("StrongMigrations") && a.getArgsNode() instanceof ListNode l && l.size() == 1) {
            String attr = a.getName().idString().replace("=", "");
            String value = duration(l.get(0));
            if (value != null && (attr.equals("lock_timeout") || attr.equals("statement_timeout"))) settings.put(attr, value);
        }
        for (Node child : n.childNodes()) visit(child, settings);
    }

    /** {@code 10.seconds}, {@code 1.minute}, a bare number of seconds → PostgreSQL's {@code 10s} form. */
    private static String duration(Node n) {
        if (n instanceof FixnumNode f) return f.getValue() + "s";
        if (n instanceof CallNode c && c.getReceiverNode() instanceof FixnumNode f) {
            return switch (c.getName().idString()) {
                case "second", "seconds" -> f.getValue() + "s";
                case "minute", "minutes" -> f.getValue() + "min";
                case "hour", "hours" -> f.getValue() + "h";
                default -> null;
            };
        }
        return null;
    }

    static long millis(String v) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|min|h)?").matcher(v.trim());
        if (!m.lookingAt()) return 0;
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "s" -> n * 1000;
            case "min" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> n;
        };
    }
}
