package dev.rehearse.migrate.rails;

import org.jruby.ast.ClassNode;
import org.jruby.ast.DefnNode;
import org.jruby.ast.FCallNode;
import org.jruby.ast.MethodDefNode;
import org.jruby.ast.Node;
import org.jruby.ast.VCallNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Rails migration's layout as its writer needs it (where the class, its {@code change}/{@code up} body and each
 * statement of that body are), and the reader's own translation of a snippet: what {@code fix} writes in Rails is
 * checked against what this reader reads back.
 */
public final class RailsFile {

    private RailsFile() {}

    /** One statement of a method body, lines 1-based and inclusive (its leading comments not included). */
    public record Span(int start, int end) {}

    /**
     * @param superclass as written, {@code ActiveRecord::Migration[7.1]}
     * @param version the {@code [x.y]} of the superclass, 4.2 when unversioned (as the reader takes it)
     * @param method {@code change} or {@code up}: the body the fix edits
     * @param defLine the line of {@code def change}/{@code def up}
     * @param defEnd the line of its {@code end}
     * @param body its statements in order
     */
    public record Outline(int classLine, String superclass, double version, boolean ddlTransactionDisabled,
                          String method, int defLine, int defEnd, List<Span> body) {}

    private static final Pattern SUPER = Pattern.compile("<\\s*((?:::)?ActiveRecord::Migration(?:\\[[^\\]]*\\])?)");

    /** @return null when the file holds no migration class with a change or up method */
    public static Outline outline(Path file, String text) {
        Node root = Ruby.parse(file, text);
        ClassNode cls = find(root);
        if (cls == null) return null;
        boolean disabled = false;
        MethodDefNode body = null, up = null;
        for (Node n : Ruby.statements(cls.getBodyNode())) {
            if (n instanceof MethodDefNode d && (n instanceof DefnNode || n instanceof org.jruby.ast.DefsNode)) {
                String name = d.getName().idString();
                if (name.equals("change")) body = d;
                else if (name.equals("up")) up = d;
            } else if ((n instanceof FCallNode || n instanceof VCallNode)
                    && ((org.jruby.ast.types.INameNode) n).getName().idString().equals("disable_ddl_transaction!")) {
                disabled = true;
            }
        }
        if (body == null) body = up;
        if (body == null) return null;
        String[] lines = text.split("\n", -1);
        int classLine = Ruby.line(cls);
        Matcher m = SUPER.matcher(lines[classLine - 1]);
        String superclass = m.find() ? m.group(1) : "ActiveRecord::Migration";
        Matcher v = Pattern.compile("\\[([0-9.]+)\\]").matcher(superclass);
        double version = v.find() ? Double.parseDouble(v.group(1)) : 4.2;
        int defLine = Ruby.line(body);
        int defEnd = body.getEndLine() + 1;
        List<Node> statements = Ruby.statements(body.getBodyNode());
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            int start = Ruby.line(statements.get(i));
            int limit = i + 1 < statements.size() ? Ruby.line(statements.get(i + 1)) - 1 : defEnd - 1;
            int end = limit;
            // blank lines and comments before the next statement are its lead, not this one's tail
            while (end > start && (lines[end - 1].isBlank() || lines[end - 1].strip().startsWith("#"))) end--;
            if (!spans.isEmpty() && spans.get(spans.size() - 1).start() == start) continue; // two on one line: one span
            spans.add(new Span(start, Math.max(start, end)));
        }
        return new Outline(classLine, superclass, version, disabled, body.getName().idString(), defLine, defEnd, spans);
    }

    private static ClassNode find(Node n) {
        if (n == null) return null;
        if (n instanceof ClassNode c) return c;
        if (n instanceof org.jruby.ast.RootNode r) return find(r.getBodyNode());
        if (n instanceof org.jruby.ast.ModuleNode m) return find(m.getBodyNode());
        if (n instanceof org.jruby.ast.BlockNode b) {
            for (Node child : Ruby.children(b)) {
                ClassNode c = find(child);
                if (c != null && c.getCPath() != null) return c;
            }
        }
        return null;
    }

    /**
     * The SQL this reader translates a migration's up to on PostgreSQL, an {@code execute}'s text as written; null
     * when it cannot translate all of it.
     */
    public static List<String> upSql(String text) {
        RailsTranslator.Translation t = new RailsTranslator(ActiveRecordSql.Adapter.POSTGRES)
                .translate(Ruby.parse(Path.of("snippet.rb"), text));
        if (t == null || !t.up().problems().isEmpty()) return null;
        return t.up().sql().stream().map(s -> s.sql().startsWith("\u0000") ? s.sql().substring(1) : s.sql()).toList();
    }

    /** ActiveSupport's camelize of a migration's file name part, as Migrator derives the class name from it. */
    public static String camelize(String snake) {
        StringBuilder b = new StringBuilder();
        for (String part : snake.split("_")) {
            if (part.isEmpty()) continue;
            b.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
        }
        return b.toString();
    }

    /** Migrator's file name pattern, {@code <version>_<name>.rb}. */
    public static Matcher fileName(String name) {
        return RailsMigrationSource.FILE.matcher(name);
    }
}
