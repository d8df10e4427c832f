package dev.rehearse.migrate.rails;

import dev.rehearse.migrate.rails.ActiveRecordSql.ForeignKey;
import dev.rehearse.migrate.rails.ActiveRecordSql.Untranslatable;
import dev.rehearse.migrate.rails.Ruby.Nil;
import dev.rehearse.migrate.rails.Ruby.Sym;
import org.jruby.ast.ArgsNode;
import org.jruby.ast.ArgumentNode;
import org.jruby.ast.CallNode;
import org.jruby.ast.ClassNode;
import org.jruby.ast.Colon2Node;
import org.jruby.ast.ConstNode;
import org.jruby.ast.DVarNode;
import org.jruby.ast.DefnNode;
import org.jruby.ast.FCallNode;
import org.jruby.ast.HashNode;
import org.jruby.ast.IterNode;
import org.jruby.ast.ListNode;
import org.jruby.ast.LocalVarNode;
import org.jruby.ast.ModuleNode;
import org.jruby.ast.Node;
import org.jruby.ast.RootNode;
import org.jruby.ast.StrNode;
import org.jruby.ast.VCallNode;
import org.jruby.ast.types.INameNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Rails migration's AST → the calls of its {@code up}/{@code down}/{@code change} → the SQL ActiveRecord sends for
 * them, each at the line of its call. {@code change} is inverted for the down as ActiveRecord's CommandRecorder
 * inverts it (migration/command_recorder.rb): reversed order, each call's inverse, irreversible calls leaving no
 * down.
 */
final class RailsTranslator {

    /** One statement ActiveRecord sends, at the line it is attributed to. */
    record Sql(int line, String sql) {}

    /** What a method (up, down or change) translates to. */
    record Direction(List<Sql> sql, List<dev.rehearse.migrate.Migration.Problem> problems) {}

    /**
     * A migration file's translation.
     *
     * @param down null when there is no down: {@code absent} says why
     */
    record Translation(boolean ddlTransactionDisabled, double version, Direction up, Direction down, String absent,
                       int classLine) {}

    private static final Set<String> SILENT = Set.of("say", "puts", "reset_column_information", "require",
            "require_relative", "include", "extend");

    private final ActiveRecordSql.Adapter adapter;
    /** The schema the ups translated so far build, for the guards of later ones. */
    private final Schema schema = new Schema();

    RailsTranslator(ActiveRecordSql.Adapter adapter) {
        this.adapter = adapter;
    }

    // ---- reading the class

    /** @return null when the file holds no migration class */
    Translation translate(Node root) {
        ClassNode cls = migrationClass(root);
        if (cls == null) return null;
        double version = version(cls.getSuperNode());
        boolean disabled = false;
        Node change = null, up = null, down = null;
        List<dev.rehearse.migrate.Migration.Problem> classProblems = new ArrayList<>();
        for (Node n : Ruby.statements(cls.getBodyNode())) {
            // def up, or Rails 3/4's def self.up
            if (n instanceof org.jruby.ast.MethodDefNode d && (n instanceof DefnNode
                    || n instanceof org.jruby.ast.DefsNode s && s.getReceiverNode() instanceof org.jruby.ast.SelfNode)) {
                switch (d.getName().idString()) {
                    case "change" -> change = d.getBodyNode();
                    case "up" -> up = d.getBodyNode();
                    case "down" -> down = d.getBodyNode();
                    default -> { } // helpers: a call to one is reported where it is made
                }
            } else if ((n instanceof FCallNode || n instanceof VCallNode) && name(n).equals("disable_ddl_transaction!")) {
                disabled = true;
            } else if (n instanceof FCallNode || n instanceof VCallNode) {
                if (!SILENT.contains(name(n))) {
                    classProblems.add(problem(Ruby.line(n), name(n)));
                }
            }
            // class and constant definitions (model stubs) send no SQL
        }
        ActiveRecordSql sql = new ActiveRecordSql(adapter, version);
        Direction upDir;
        Direction downDir = null;
        String absent = null;
        if (change != null) {
            List<Call> calls = walk(change, null);
            upDir = render(calls, sql);
            try {
                downDir = render(invert(calls), sql, false);
            } catch (Irreversible e) {
                absent = e.getMessage();
            }
        } else if (up != null) {
            upDir = render(walk(up, null), sql);
            if (down == null) {
                absent = "it defines up without down";
            } else if (raisesIrreversible(down)) {
                absent = "its down raises ActiveRecord::IrreversibleMigration";
            } else {
                downDir = render(walk(down, null), sql, false);
            }
        } else {
            upDir = new Direction(List.of(), List.of(new dev.rehearse.migrate.Migration.Problem(Ruby.line(cls),
                    "cannot translate " + cls.getCPath().getName().idString() + ": it defines neither change nor up", false)));
            absent = "it defines neither change nor up";
        }
        if (!classProblems.isEmpty()) {
            List<dev.rehearse.migrate.Migration.Problem> all = new ArrayList<>(classProblems);
            all.addAll(upDir.problems());
            upDir = new Direction(upDir.sql(), all);
        }
        return new Translation(disabled, version, upDir, downDir, absent, Ruby.line(cls));
    }

    private static ClassNode migrationClass(Node n) {
        if (n == null) return null;
        if (n instanceof ClassNode c && isMigration(c.getSuperNode())) return c;
        if (n instanceof RootNode r) return migrationClass(r.getBodyNode());
        if (n instanceof ModuleNode m) return migrationClass(m.getBodyNode());
        if (n instanceof org.jruby.ast.BlockNode b) {
            for (Node child : Ruby.children(b)) {
                ClassNode c = migrationClass(child);
                if (c != null) return c;
            }
        }
        return null;
    }

    private static boolean isMigration(Node superNode) {
        if (superNode instanceof CallNode c && c.getName().idString().equals("[]")) superNode = c.getReceiverNode();
        return superNode instanceof Colon2Node c2 && c2.getName().idString().equals("Migration")
                || superNode instanceof ConstNode c && c.getName().idString().endsWith("Migration");
    }

    /** {@code ActiveRecord::Migration[7.1]} → 7.1; the unversioned Rails 4 form → 4.2. */
    private static double version(Node superNode) {
        if (superNode instanceof CallNode c && c.getName().idString().equals("[]") && c.getArgsNode() instanceof ListNode l
                && l.size() == 1 && Ruby.value(l.get(0)) instanceof Double d) {
            return d;
        }
        return 4.2;
    }

    private static boolean raisesIrreversible(Node body) {
        for (Node n : Ruby.statements(body)) {
            if (n instanceof FCallNode f && f.getName().idString().equals("raise")) return true;
        }
        return false;
    }

    private static String name(Node n) {
        return ((INameNode) n).getName().idString();
    }

    private static dev.rehearse.migrate.Migration.Problem problem(int line, String what) {
        return new dev.rehearse.migrate.Migration.Problem(line, "cannot translate " + what, false);
    }

    // ---- walking a method body into calls

    /**
     * @param receiver the block variable whose calls these are ({@code t} in create_table), null at method level
     */
    private List<Call> walk(Node body, String receiver) {
        List<Call> out = new ArrayList<>();
        for (Node n : Ruby.statements(body)) walkOne(n, receiver, out);
        return out;
    }

    private void walkOne(Node n, String receiver, List<Call> out) {
        int line = Ruby.line(n);
        if (n instanceof StrNode || n instanceof org.jruby.ast.NilNode) return;
        String name;
        Node argsNode;
        Node iter;
        if (n instanceof FCallNode f) {
            name = f.getName().idString();
            argsNode = f.getArgsNode();
            iter = f.getIterNode();
        } else if (n instanceof VCallNode v) {
            name = v.getName().idString();
            argsNode = null;
            iter = null;
        } else if (n instanceof CallNode c) {
            name = c.getName().idString();
            argsNode = c.getArgsNode();
            iter = c.getIterNode();
            String on = receiverName(c.getReceiverNode());
            if (receiver != null && receiver.equals(on)) {
                // t.string, t.index ...: a column call of the enclosing table block
            } else if (name.equals("reset_column_information")) {
                return;
            } else if (name.equals("execute") && (on.equals("connection") || on.endsWith(".connection"))) {
                // connection.execute sends its string as execute does
            } else {
                out.add(Call.untranslated(on + "." + name, line, "a call on " + on));
                return;
            }
        } else if (n instanceof org.jruby.ast.IfNode in && predicate(in.getCondition()) != null) {
            // the schema guards of idempotent migrations (return if connection.table_exists?(:x)), decided from
            // the schema the earlier migrations of this read built
            out.add(new Call("__if", line, List.of(predicate(in.getCondition())), Map.of(),
                    walk(in.getThenBody(), receiver), walk(in.getElseBody(), receiver), null));
            return;
        } else if (n instanceof org.jruby.ast.ReturnNode) {
            out.add(new Call("__return", line, List.of(), Map.of(), null));
            return;
        } else {
            String type = n.getNodeType().name().toLowerCase(java.util.Locale.ROOT).replace("node", "");
            out.add(Call.untranslated("Ruby " + type, line, "Ruby logic"));
            return;
        }
        if (receiver == null && SILENT.contains(name)) return;
        List<Object> args = new ArrayList<>();
        Map<String, Object> opts = new LinkedHashMap<>();
        if (!arguments(argsNode, args, opts)) {
            out.add(Call.untranslated(name, line, "splat or block arguments"));
            return;
        }
        if (argsNode instanceof ListNode l && name.equals("execute") && l.size() > 0) {
            opts.put("__sql_line", (long) sqlLine(l.get(0), line));
        }
        IterNode block = iter instanceof IterNode it ? it : null;
        if (receiver == null) {
            switch (name) {
                case "safety_assured", "say_with_time", "transaction", "suppress_messages" -> {
                    if (block != null) out.addAll(walk(block.getBodyNode(), null));
                    return;
                }
                case "up_only" -> {
                    out.add(new Call(name, line, args, opts, block == null ? List.of() : walk(block.getBodyNode(), null)));
                    return;
                }
                case "reversible" -> {
                    if (block == null) {
                        out.add(Call.untranslated(name, line, "reversible without a block"));
                        return;
                    }
                    out.add(reversible(block, line));
                    return;
                }
                case "create_table", "change_table", "create_join_table", "drop_table" -> {
                    List<Call> cols = block == null ? null : walk(block.getBodyNode(), blockVar(block));
                    out.add(new Call(name, line, args, opts, cols));
                    return;
                }
                default -> { }
            }
        }
        if (block != null) {
            out.add(Call.untranslated(receiver == null ? name : receiver + "." + name, line, "a block"));
            return;
        }
        out.add(new Call(receiver == null ? name : "t." + name, line, args, opts, null));
    }

    private static final Set<String> PREDICATES = Set.of("table_exists?", "column_exists?", "index_exists?",
            "index_name_exists?");

    /** A schema predicate with literal arguments ({@code connection.table_exists?(:x)}, negated with !), or null. */
    private static Call predicate(Node cond) {
        if (cond instanceof CallNode bang && bang.getName().idString().equals("!")) {
            Call inner = predicate(bang.getReceiverNode());
            return inner == null ? null : new Call("__not", inner.line(), List.of(inner), Map.of(), null);
        }
        String name;
        Node argsNode;
        if (cond instanceof CallNode c && receiverName(c.getReceiverNode()).endsWith("connection")) {
            name = c.getName().idString();
            argsNode = c.getArgsNode();
        } else if (cond instanceof FCallNode f) {
            name = f.getName().idString();
            argsNode = f.getArgsNode();
        } else {
            return null;
        }
        if (!PREDICATES.contains(name)) return null;
        List<Object> args = new ArrayList<>();
        Map<String, Object> opts = new LinkedHashMap<>();
        if (!arguments(argsNode, args, opts) || args.isEmpty()) return null;
        for (Object a : args) if (!(a instanceof Sym || a instanceof String || a instanceof List)) return null;
        return new Call(name, Ruby.line(cond), args, opts, null);
    }

    private Call reversible(IterNode block, int line) {
        String dir = blockVar(block);
        List<Call> up = new ArrayList<>();
        List<Call> down = new ArrayList<>();
        for (Node n : Ruby.statements(block.getBodyNode())) {
            if (n instanceof CallNode c && dir != null && dir.equals(receiverName(c.getReceiverNode()))
                    && c.getIterNode() instanceof IterNode it) {
                String which = c.getName().idString();
                if (which.equals("up")) up.addAll(walk(it.getBodyNode(), null));
                else if (which.equals("down")) down.addAll(walk(it.getBodyNode(), null));
                else up.add(Call.untranslated(dir + "." + which, Ruby.line(n), "reversible"));
            } else {
                up.add(Call.untranslated("reversible", Ruby.line(n), "code in reversible outside up/down"));
            }
        }
        return new Call("reversible", line, List.of(), Map.of(), up, down, null);
    }

    private static String blockVar(IterNode block) {
        if (block.getVarNode() instanceof ArgsNode a && a.getPre() != null && a.getPre().size() > 0
                && a.getPre().get(0) instanceof ArgumentNode arg) {
            return arg.getName().idString();
        }
        return null;
    }

    private static String receiverName(Node r) {
        if (r instanceof DVarNode d) return d.getName().idString();
        if (r instanceof LocalVarNode l) return l.getName().idString();
        if (r instanceof INameNode nn) {
            String base = nn.getName().idString();
            if (r instanceof Colon2Node c2 && c2.getLeftNode() != null) return receiverName(c2.getLeftNode()) + "::" + base;
            if (r instanceof CallNode c) return receiverName(c.getReceiverNode()) + "." + base;
            return base;
        }
        return r == null ? "self" : r.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** @return false for block-pass arguments and splats of what is not a literal array */
    private static boolean arguments(Node argsNode, List<Object> args, Map<String, Object> opts) {
        if (argsNode == null) return true;
        List<Node> list = flatten(argsNode);
        if (list == null) return false;
        for (int i = 0; i < list.size(); i++) {
            Node a = list.get(i);
            if (i == list.size() - 1 && a instanceof HashNode h && !h.hasRestKwarg()) {
                opts.putAll(Ruby.hash(h));
            } else {
                args.add(Ruby.value(a));
            }
        }
        return true;
    }

    /** Arguments with {@code *%i[a b]} splats of literal arrays spread in place. */
    private static List<Node> flatten(Node n) {
        if (n instanceof org.jruby.ast.ArgsCatNode cat) {
            List<Node> head = flatten(cat.getFirstNode());
            List<Node> tail = splat(cat.getSecondNode());
            if (head == null || tail == null) return null;
            head.addAll(tail);
            return head;
        }
        if (n instanceof org.jruby.ast.ArgsPushNode push) {
            List<Node> head = flatten(push.getFirstNode());
            if (head == null) return null;
            head.add(push.getSecondNode());
            return head;
        }
        if (n instanceof org.jruby.ast.SplatNode s) return splat(s.getValue());
        if (n instanceof ListNode l) {
            List<Node> out = new ArrayList<>();
            for (Node c : Ruby.children(l)) {
                if (c instanceof org.jruby.ast.SplatNode s) {
                    List<Node> spread = splat(s.getValue());
                    if (spread == null) return null;
                    out.addAll(spread);
                } else {
                    out.add(c);
                }
            }
            return out;
        }
        return null;
    }

    private static List<Node> splat(Node n) {
        if (n instanceof org.jruby.ast.SplatNode s) return splat(s.getValue());
        if (n instanceof org.jruby.ast.ZArrayNode) return new ArrayList<>();
        if (n instanceof org.jruby.ast.ArrayNode a) return new ArrayList<>(Ruby.children(a));
        return null;
    }

    /** The line an execute's SQL text starts on: a heredoc's body starts below the call. */
    private static int sqlLine(Node literal, int callLine) {
        int first = Integer.MAX_VALUE;
        if (literal instanceof StrNode s) {
            return s.getValue().length() > 0 ? Math.max(callLine, Ruby.line(s)) : callLine;
        }
        if (literal instanceof ListNode l) {
            for (Node part : Ruby.children(l)) {
                if (part instanceof StrNode s && s.getValue().length() > 0 && !s.getValue().toString().isBlank()) {
                    first = Math.min(first, Ruby.line(s));
                }
            }
        }
        return first == Integer.MAX_VALUE ? callLine : Math.max(callLine, first);
    }

    // ---- inversion (CommandRecorder)

    static final class Irreversible extends RuntimeException {
        Irreversible(String message) {
            super(message);
        }
    }

    private static Irreversible irreversible(Call c, String why) {
        return new Irreversible(c.name() + " at line " + c.line() + " is not reversible: " + why);
    }

    List<Call> invert(List<Call> calls) {
        List<Call> out = new ArrayList<>();
        for (int i = calls.size() - 1; i >= 0; i--) {
            Call c = calls.get(i);
            if (c.untranslated() != null) throw irreversible(c, "it could not be translated");
            Call inverse = invert(c);
            if (inverse != null) out.add(inverse);
        }
        return out;
    }

    private Call invert(Call c) {
        List<Object> a = c.args();
        Map<String, Object> o = c.opts();
        switch (c.name()) {
            case "create_table": return new Call("drop_table", c.line(), a, o, c.block());
            case "create_join_table": return c.with("drop_join_table", a, o);
            case "drop_join_table": return c.with("create_join_table", a, o);
            case "drop_table":
                if (c.block() == null && o.isEmpty()) {
                    throw irreversible(c, "drop_table is only reversible if given options or a block (can be empty)");
                }
                return new Call("create_table", c.line(), a, o, c.block() == null ? List.of() : c.block());
            case "add_column": return c.with("remove_column", a, o);
            case "remove_column":
                if (a.size() <= 2) throw irreversible(c, "remove_column is only reversible if given a type");
                return c.with("add_column", a, o);
            case "remove_columns": {
                if (!o.containsKey("type")) throw irreversible(c, "remove_columns is only reversible if given a type");
                Map<String, Object> opts = new LinkedHashMap<>(o);
                Object type = opts.remove("type");
                List<Call> adds = new ArrayList<>();
                for (Object col : a.subList(1, a.size())) adds.add(c.with("add_column", List.of(a.get(0), col, type), opts));
                return new Call("__sequence", c.line(), List.of(), Map.of(), adds);
            }
            case "add_index": return c.with("remove_index", a, o);
            case "remove_index": {
                Object column = a.size() > 1 ? a.get(1) : o.get("column");
                if (column == null) throw irreversible(c, "remove_index is only reversible if given a :column option");
                Map<String, Object> opts = new LinkedHashMap<>(o);
                opts.remove("column");
                return c.with("add_index", List.of(a.get(0), column), opts);
            }
            case "rename_index": return c.with("rename_index", List.of(a.get(0), a.get(2), a.get(1)), o);
            case "rename_column": return c.with("rename_column", List.of(a.get(0), a.get(2), a.get(1)), o);
            case "rename_table": return c.with("rename_table", List.of(a.get(1), a.get(0)), o);
            case "add_timestamps": return c.with("remove_timestamps", a, o);
            case "remove_timestamps": return c.with("add_timestamps", a, o);
            case "add_reference", "add_belongs_to": return c.with("remove_reference", a, o);
            case "remove_reference", "remove_belongs_to": return c.with("add_reference", a, o);
            case "change_column_default": {
                if (!o.containsKey("from") || !o.containsKey("to")) {
                    throw irreversible(c, "change_column_default is only reversible if given a :from and :to option");
                }
                return c.with(c.name(), a, Map.of("from", o.get("to"), "to", o.get("from")));
            }
            case "change_column_null": {
                List<Object> args = new ArrayList<>(a);
                if (args.size() < 3 || !(args.get(2) instanceof Boolean b)) throw irreversible(c, "change_column_null without true/false");
                args.set(2, !b);
                return c.with(c.name(), args, o);
            }
            case "add_foreign_key": return c.with("remove_foreign_key", a, o);
            case "remove_foreign_key":
                if (a.size() < 2 && !o.containsKey("to_table")) {
                    throw irreversible(c, "remove_foreign_key is only reversible if given a second table");
                }
                return c.with("add_foreign_key", a, o);
            case "add_check_constraint": {
                // 7.1's invert_add_check_constraint: validate: dropped, if_not_exists: becomes if_exists:
                Map<String, Object> opts = new LinkedHashMap<>(o);
                opts.remove("validate");
                if (opts.containsKey("if_not_exists")) opts.put("if_exists", opts.remove("if_not_exists"));
                return c.with("remove_check_constraint", a, opts);
            }
            case "remove_check_constraint": {
                if (a.size() < 2) throw irreversible(c, "remove_check_constraint is only reversible if given an expression");
                Map<String, Object> opts = new LinkedHashMap<>(o);
                if (opts.containsKey("if_exists")) opts.put("if_not_exists", opts.remove("if_exists"));
                return c.with("add_check_constraint", a, opts);
            }
            case "enable_extension": return c.with("disable_extension", a, o);
            case "disable_extension": return c.with("enable_extension", a, o);
            case "reversible": return new Call("reversible", c.line(), a, o, c.otherBlock(), c.block(), null);
            case "__if", "__return": throw irreversible(c, "a schema condition cannot be inverted");
            case "up_only", "validate_foreign_key", "validate_check_constraint", "validate_constraint": return null;
            case "change_table": {
                if (c.block() == null) return null;
                List<Call> inverted = new ArrayList<>();
                for (int i = c.block().size() - 1; i >= 0; i--) {
                    Call t = c.block().get(i);
                    if (t.untranslated() != null) throw irreversible(t, "it could not be translated");
                    Call asTable = tableCall(a.get(0), t);
                    if (asTable == null) throw irreversible(t, "this change_table call is not reversible");
                    Call inv = invert(asTable);
                    if (inv != null) inverted.add(inv);
                }
                return new Call("__sequence", c.line(), List.of(), Map.of(), inverted);
            }
            default:
                throw irreversible(c, "ActiveRecord cannot invert " + c.name() + " (IrreversibleMigration)");
        }
    }

    // ---- rendering calls to SQL

    private static final class Return extends RuntimeException {
        Return() {
            super(null, null, false, false);
        }
    }

    /** Renders an up (which builds the schema later guards read) or a down (which leaves it as the ups built it). */
    private Direction render(List<Call> calls, ActiveRecordSql sql) {
        return render(calls, sql, true);
    }

    private Direction render(List<Call> calls, ActiveRecordSql sql, boolean up) {
        List<Sql> out = new ArrayList<>();
        List<dev.rehearse.migrate.Migration.Problem> problems = new ArrayList<>();
        try {
            renderAll(calls, sql, out, problems, up);
        } catch (Return r) {
            // the method returned: nothing after it runs
        }
        return new Direction(out, problems);
    }

    private void renderAll(List<Call> calls, ActiveRecordSql sql, List<Sql> out,
                           List<dev.rehearse.migrate.Migration.Problem> problems, boolean up) {
        for (Call c : calls) {
            if (c.untranslated() != null) {
                problems.add(problem(c.line(), c.name()));
                continue;
            }
            switch (c.name()) {
                case "reversible", "up_only", "__sequence" -> {
                    renderAll(c.block() == null ? List.of() : c.block(), sql, out, problems, up);
                    continue;
                }
                case "__if" -> {
                    Call p = (Call) c.args().get(0);
                    boolean holds = schema.holds(p);
                    if (!schema.knows(p)) {
                        // a table this read did not create may be in the deployed schema: say so, take it as absent
                        problems.add(new dev.rehearse.migrate.Migration.Problem(c.line(), "cannot translate if "
                                + p.name() + ": " + ActiveRecordSql.name(p.arg(0)) + " is not created by these migrations", false));
                    }
                    List<Call> branch = holds ? c.block() : c.otherBlock();
                    renderAll(branch == null ? List.of() : branch, sql, out, problems, up);
                    continue;
                }
                case "__return" -> throw new Return();
                default -> { }
            }
            try {
                int line = c.name().equals("execute") ? sqlLine(c) : c.line();
                for (String s : statements(c, sql)) out.add(new Sql(line, s));
                if (up) schema.apply(c, sql);
            } catch (Untranslatable e) {
                problems.add(new dev.rehearse.migrate.Migration.Problem(c.line(),
                        "cannot translate " + c.name() + ": " + e.getMessage(), false));
            } catch (RuntimeException e) {
                if (e instanceof ClassCastException || e instanceof IndexOutOfBoundsException || e instanceof NullPointerException) {
                    problems.add(problem(c.line(), c.name() + " (unexpected arguments)"));
                } else {
                    throw e;
                }
            }
        }
    }

    /** An execute's SQL keeps its own line offsets: the statement's line is the text's start. */
    static int sqlLine(Call c) {
        return c.opts().get("__sql_line") instanceof Long l ? l.intValue() : c.line();
    }

    private List<String> statements(Call c, ActiveRecordSql sql) {
        List<Object> a = c.args();
        Map<String, Object> o = c.opts();
        boolean pg = sql.postgres();
        switch (c.name()) {
            case "execute": {
                return List.of("\u0000" + ActiveRecordSql.string(a.get(0), "execute's SQL"));
            }
            case "create_table": return createTable(c, sql);
            case "create_join_table": return createJoinTable(c, sql);
            case "drop_join_table": {
                return List.of("DROP TABLE " + sql.qt(joinTableName(c)));
            }
            case "drop_table": {
                List<String> out = new ArrayList<>();
                for (Object t : a) {
                    out.add("DROP TABLE " + (Boolean.TRUE.equals(o.get("if_exists")) ? "IF EXISTS " : "") + sql.qt(t)
                            + (o.get("force") instanceof Sym f && f.name().equals("cascade") ? " CASCADE" : ""));
                }
                return out;
            }
            case "change_table": {
                List<String> out = new ArrayList<>();
                for (Call t : c.block() == null ? List.<Call>of() : c.block()) {
                    if (t.untranslated() != null) throw new Untranslatable("change_table's " + t.name());
                    Call asTable = tableCall(a.get(0), t);
                    if (asTable == null) throw new Untranslatable("change_table's " + t.name());
                    out.addAll(statements(asTable, sql));
                }
                return out;
            }
            case "add_column": {
                String type = ActiveRecordSql.name(a.get(2));
                Map<String, Object> opts = addColumnCompat(type, o, sql);
                List<String> out = new ArrayList<>();
                out.add("ALTER TABLE " + sql.qt(a.get(0)) + " ADD " + sql.column(a.get(1), a.get(2), opts));
                if (pg && o.get("comment") instanceof String comment) {
                    out.add("COMMENT ON COLUMN " + sql.qt(a.get(0)) + "." + sql.qc(a.get(1)) + " IS " + ActiveRecordSql.quote(comment));
                }
                return out;
            }
            case "remove_column": {
                return List.of("ALTER TABLE " + sql.qt(a.get(0)) + " DROP COLUMN "
                        + (Boolean.TRUE.equals(o.get("if_exists")) ? "IF EXISTS " : "") + sql.qc(a.get(1)));
            }
            case "remove_columns": {
                List<String> drops = new ArrayList<>();
                for (Object col : a.subList(1, a.size())) drops.add("DROP COLUMN " + sql.qc(col));
                return List.of("ALTER TABLE " + sql.qt(a.get(0)) + " " + String.join(", ", drops));
            }
            case "change_column": {
                Map<String, Object> opts = sql.columnOptions(ActiveRecordSql.name(a.get(2)), o);
                if (!pg) {
                    // MySQL's CHANGE restates the whole column: ActiveRecord fills what is not given from the live column
                    if (!o.containsKey("null") || !o.containsKey("default")) {
                        throw new Untranslatable("change_column on MySQL restates the column's current null and default, "
                                + "which are not known here (give both null: and default:)");
                    }
                    return List.of("ALTER TABLE " + sql.qt(a.get(0)) + " CHANGE " + sql.qc(a.get(1)) + " "
                            + sql.column(a.get(1), a.get(2), opts));
                }
                String col = sql.qc(a.get(1));
                StringBuilder s = new StringBuilder("ALTER TABLE ").append(sql.qt(a.get(0))).append(" ALTER COLUMN ")
                        .append(col).append(" TYPE ").append(sql.type(a.get(2), opts));
                if (ActiveRecordSql.given(o.get("collation")) instanceof ActiveRecordSql.Given coll) s.append(" COLLATE \"").append(ActiveRecordSql.name(coll.v())).append('"');
                if (o.get("using") instanceof String using) s.append(" USING ").append(using);
                if (o.containsKey("default")) {
                    if (o.get("default") == Nil.NIL) s.append(", ALTER COLUMN ").append(col).append(" DROP DEFAULT");
                    else s.append(", ALTER COLUMN ").append(col).append(" SET DEFAULT ")
                            .append(sql.defaultSql(o.get("default"), ActiveRecordSql.name(a.get(2)), opts));
                }
                if (o.containsKey("null")) {
                    s.append(", ALTER COLUMN ").append(col).append(Boolean.FALSE.equals(o.get("null")) ? " SET NOT NULL" : " DROP NOT NULL");
                }
                return List.of(s.toString());
            }
            case "change_column_null": {
                boolean nullable = Boolean.TRUE.equals(a.get(2));
                if (!(a.get(2) instanceof Boolean)) throw new Untranslatable("change_column_null expects true or false");
                List<String> out = new ArrayList<>();
                Object def = a.size() > 3 ? a.get(3) : Nil.NIL;
                if (!nullable && def != Nil.NIL) {
                    out.add("UPDATE " + sql.qt(a.get(0)) + " SET " + sql.qc(a.get(1)) + "="
                            + sql.defaultSql(def, def instanceof String ? "string" : "integer", Map.of())
                            + " WHERE " + sql.qc(a.get(1)) + " IS NULL");
                }
                if (!pg) throw new Untranslatable("change_column_null on MySQL restates the column's current type, which is not known here");
                out.add("ALTER TABLE " + sql.qt(a.get(0)) + " ALTER COLUMN " + sql.qc(a.get(1)) + (nullable ? " DROP" : " SET") + " NOT NULL");
                return out;
            }
            case "change_column_default": {
                Object value = o.containsKey("to") && (o.containsKey("from") || o.size() == 1) ? o.get("to")
                        : a.size() > 2 ? a.get(2) : Nil.NIL;
                String alter = "ALTER TABLE " + sql.qt(a.get(0)) + " ALTER COLUMN " + sql.qc(a.get(1));
                if (value == Nil.NIL) return List.of(alter + " DROP DEFAULT");
                String type = value instanceof Boolean ? "boolean" : value instanceof Long || value instanceof Double ? "integer" : "string";
                return List.of(alter + " SET DEFAULT " + sql.defaultSql(value, type, Map.of()));
            }
            case "rename_column": {
                List<String> out = new ArrayList<>();
                out.add("ALTER TABLE " + sql.qt(a.get(0)) + " RENAME COLUMN " + sql.qc(a.get(1)) + " TO " + sql.qc(a.get(2)));
                // rename_column_indexes: the indexes whose names ActiveRecord generated follow the column
                for (String[] r : schema.columnIndexRenames(ActiveRecordSql.name(a.get(0)), ActiveRecordSql.name(a.get(1)),
                        ActiveRecordSql.name(a.get(2)), sql)) {
                    out.add(renameIndex(a.get(0), r[0], r[1], sql));
                }
                return out;
            }
            case "rename_table": {
                String from = ActiveRecordSql.name(a.get(0));
                String to = ActiveRecordSql.name(a.get(1));
                if (!pg) return List.of("RENAME TABLE " + sql.qt(from) + " TO " + sql.qt(to));
                // postgresql/schema_statements.rb rename_table: the table, its primary key index, its id sequence
                List<String> out = new ArrayList<>();
                out.add("ALTER TABLE " + sql.qt(from) + " RENAME TO " + sql.qt(to));
                // a table these migrations did not create is taken to have ActiveRecord's default id key
                if (!schema.known.contains(from) || schema.keyed.contains(from)) {
                    out.add("ALTER INDEX " + sql.qt(trim(from, 58) + "_pkey") + " RENAME TO " + sql.qt(trim(to, 58) + "_pkey"));
                }
                if (!schema.known.contains(from) || schema.sequenced.contains(from)) {
                    out.add("ALTER TABLE " + sql.qt(trim(from, 56) + "_id_seq") + " RENAME TO " + sql.qt(trim(to, 56) + "_id_seq"));
                }
                // rename_table_indexes
                for (String[] r : schema.tableIndexRenames(from, to, sql)) out.add(renameIndex(to, r[0], r[1], sql));
                return out;
            }
            case "rename_index": {
                if (pg) return List.of("ALTER INDEX " + sql.qc(a.get(1)) + " RENAME TO " + sql.qc(a.get(2)));
                return List.of("ALTER TABLE " + sql.qt(a.get(0)) + " RENAME INDEX " + sql.qc(a.get(1)) + " TO " + sql.qc(a.get(2)));
            }
            case "add_index": return List.of(sql.createIndex(a.get(0), a.get(1), o));
            case "remove_index": return List.of(sql.dropIndex(a.get(0), a.size() > 1 ? a.get(1) : null, o));
            case "add_reference", "add_belongs_to": return addReference(a.get(0), a.get(1), o, sql);
            case "remove_reference", "remove_belongs_to": {
                String table = ActiveRecordSql.name(a.get(0));
                String ref = ActiveRecordSql.name(a.get(1));
                List<String> out = new ArrayList<>();
                if (ActiveRecordSql.given(o.get("foreign_key")) instanceof ActiveRecordSql.Given fk && !Boolean.FALSE.equals(fk.v())) {
                    Map<String, Object> fo = fk.v() instanceof Map<?, ?> m ? castMap(m) : new LinkedHashMap<>();
                    Object to = fo.getOrDefault("to_table", new Sym(Inflector.pluralize(ref)));
                    fo.putIfAbsent("column", ref + "_id");
                    out.add(sql.dropForeignKey(sql.foreignKey(table, to, fo)));
                }
                if (Boolean.TRUE.equals(o.get("polymorphic"))) {
                    out.add("ALTER TABLE " + sql.qt(table) + " DROP COLUMN " + sql.qc(ref + "_id") + ", DROP COLUMN " + sql.qc(ref + "_type"));
                } else {
                    out.add("ALTER TABLE " + sql.qt(table) + " DROP COLUMN " + sql.qc(ref + "_id"));
                }
                return out;
            }
            case "add_foreign_key": return List.of(sql.addForeignKey(sql.foreignKey(a.get(0), a.get(1), o)));
            case "remove_foreign_key": {
                Object to = a.size() > 1 ? a.get(1) : o.get("to_table");
                if (to == null && o.get("name") == null && o.get("column") == null) throw new Untranslatable("remove_foreign_key without a table, column or name");
                Map<String, Object> fo = new LinkedHashMap<>(o);
                if (to == null) {
                    to = new Sym("?");
                    if (fo.get("column") == null && fo.get("name") == null) throw new Untranslatable("remove_foreign_key");
                }
                return List.of(sql.dropForeignKey(sql.foreignKey(a.get(0), to, fo)));
            }
            case "validate_foreign_key": {
                if (!pg) return List.of();
                Object to = a.size() > 1 ? a.get(1) : new Sym("?");
                if (a.size() < 2 && o.get("column") == null && o.get("name") == null) throw new Untranslatable("validate_foreign_key without a table, column or name");
                return List.of("ALTER TABLE " + sql.qt(a.get(0)) + " VALIDATE CONSTRAINT " + sql.qc(sql.foreignKey(a.get(0), to, o).name()));
            }
            case "validate_check_constraint": {
                if (!pg) return List.of();
                String name = sql.checkNameFor(ActiveRecordSql.name(a.get(0)), o.get("expression") != null ? o.get("expression") : a.size() > 1 ? a.get(1) : null, o);
                return List.of("ALTER TABLE " + sql.qt(a.get(0)) + " VALIDATE CONSTRAINT " + sql.qc(name));
            }
            case "validate_constraint": {
                if (!pg) return List.of();
                return List.of("ALTER TABLE " + sql.qt(a.get(0)) + " VALIDATE CONSTRAINT " + sql.qc(a.get(1)));
            }
            case "add_check_constraint": {
                String table = ActiveRecordSql.name(a.get(0));
                String expr = ActiveRecordSql.string(a.get(1), "the check expression");
                return List.of("ALTER TABLE " + sql.qt(table) + " ADD " + sql.checkClause(table, expr, o));
            }
            case "remove_check_constraint": {
                String table = ActiveRecordSql.name(a.get(0));
                String name = sql.checkNameFor(table, a.size() > 1 ? a.get(1) : null, o);
                // if_exists: (7.1) asks the live schema first: on PostgreSQL that is DROP CONSTRAINT IF EXISTS
                String ifExists = pg && Boolean.TRUE.equals(o.get("if_exists")) ? "IF EXISTS " : "";
                return List.of("ALTER TABLE " + sql.qt(table) + (pg ? " DROP CONSTRAINT " : " DROP CHECK ") + ifExists + sql.qc(name));
            }
            case "add_timestamps": {
                Map<String, Object> opts = new LinkedHashMap<>(o);
                if (!opts.containsKey("null")) opts.put("null", sql.version() >= 5.0 ? Boolean.FALSE : Boolean.TRUE);
                if (!opts.containsKey("precision") && sql.version() >= 7.0) opts.put("precision", 6L);
                String table = sql.qt(a.get(0));
                return List.of("ALTER TABLE " + table + " ADD " + sql.column("created_at", new Sym("datetime"), opts)
                        + ", ADD " + sql.column("updated_at", new Sym("datetime"), opts));
            }
            case "remove_timestamps": {
                return List.of("ALTER TABLE " + sql.qt(a.get(0)) + " DROP COLUMN " + sql.qc("updated_at") + ", DROP COLUMN " + sql.qc("created_at"));
            }
            case "enable_extension": {
                if (!pg) return List.of();
                return List.of("CREATE EXTENSION IF NOT EXISTS \"" + ActiveRecordSql.name(a.get(0)) + "\"");
            }
            case "disable_extension": {
                if (!pg) return List.of();
                return List.of("DROP EXTENSION IF EXISTS \"" + ActiveRecordSql.name(a.get(0)) + "\" CASCADE");
            }
            default:
                throw new Untranslatable("not a schema statement this translator knows");
        }
    }

    private static String renameIndex(Object table, String from, String to, ActiveRecordSql sql) {
        if (sql.postgres()) return "ALTER INDEX " + sql.qc(from) + " RENAME TO " + sql.qc(to);
        return "ALTER TABLE " + sql.qt(table) + " RENAME INDEX " + sql.qc(from) + " TO " + sql.qc(to);
    }

    private static String trim(String s, int n) {
        return s.length() > n ? s.substring(0, n) : s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        return new LinkedHashMap<>((Map<String, Object>) m);
    }

    /** add_column under the compatibility layers: a datetime before 7.0 has no precision. */
    private static Map<String, Object> addColumnCompat(String type, Map<String, Object> o, ActiveRecordSql sql) {
        return o;
    }

    /** {@code t.string :name} in change_table as the table-level call ActiveRecord's Table delegates to. */
    private static Call tableCall(Object table, Call t) {
        String m = t.name().startsWith("t.") ? t.name().substring(2) : t.name();
        List<Object> a = t.args();
        List<Object> withTable = new ArrayList<>();
        withTable.add(table);
        withTable.addAll(a);
        switch (m) {
            case "column": return t.with("add_column", withTable, t.opts());
            case "remove": {
                if (a.size() == 1) return t.with("remove_column", withTable, t.opts());
                return t.with("remove_columns", withTable, t.opts());
            }
            case "index": return t.with("add_index", withTable, t.opts());
            case "remove_index": return t.with("remove_index", withTable, t.opts());
            case "rename": return t.with("rename_column", withTable, t.opts());
            case "rename_index": return t.with("rename_index", withTable, t.opts());
            case "change": return t.with("change_column", withTable, t.opts());
            case "change_default": return t.with("change_column_default", withTable, t.opts());
            case "change_null": return t.with("change_column_null", withTable, t.opts());
            case "timestamps": return t.with("add_timestamps", withTable, t.opts());
            case "remove_timestamps": return t.with("remove_timestamps", withTable, t.opts());
            case "references", "belongs_to": {
                if (a.size() != 1) return null;
                return t.with("add_reference", withTable, t.opts());
            }
            case "remove_references", "remove_belongs_to": return t.with("remove_reference", withTable, t.opts());
            case "foreign_key": return t.with("add_foreign_key", withTable, t.opts());
            case "remove_foreign_key": return t.with("remove_foreign_key", withTable, t.opts());
            case "check_constraint": return t.with("add_check_constraint", withTable, t.opts());
            case "remove_check_constraint": return t.with("remove_check_constraint", withTable, t.opts());
            default: {
                if (a.size() == 1 && a.get(0) != null) {
                    // t.string :name → add_column :table, :name, :string
                    return t.with("add_column", List.of(table, a.get(0), new Sym(m)), t.opts());
                }
                return null;
            }
        }
    }

    /** Tables, columns and indexes as the translated ups leave them (only what this read created is known). */
    private static final class Schema {
        private final Map<String, Set<String>> columns = new LinkedHashMap<>();
        private final Map<String, String> indexTable = new LinkedHashMap<>();
        private final Map<String, List<String>> indexColumns = new LinkedHashMap<>();

        /** Tables this read created or dropped: what it knows; anything else may be in the deployed schema. */
        private final Set<String> known = new java.util.HashSet<>();
        /** Known tables with a primary key, and those whose key has a sequence (serial, bigserial). */
        private final Set<String> keyed = new java.util.HashSet<>();
        private final Set<String> sequenced = new java.util.HashSet<>();

        /** [old, new] names of the indexes on a table whose generated names follow a column rename. */
        List<String[]> columnIndexRenames(String table, String from, String to, ActiveRecordSql sql) {
            List<String[]> out = new ArrayList<>();
            indexColumns.forEach((name, cols) -> {
                if (!table.equals(indexTable.get(name)) || !cols.contains(from)) return;
                if (!name.equals(sql.indexName(table, cols))) return;
                List<String> renamed = cols.stream().map(c -> c.equals(from) ? to : c).toList();
                out.add(new String[]{name, sql.indexName(table, renamed)});
            });
            return out;
        }

        /** [old, new] names of a table's indexes whose generated names follow a table rename. */
        List<String[]> tableIndexRenames(String from, String to, ActiveRecordSql sql) {
            List<String[]> out = new ArrayList<>();
            indexColumns.forEach((name, cols) -> {
                if (from.equals(indexTable.get(name)) && name.equals(sql.indexName(from, cols))) {
                    out.add(new String[]{name, sql.indexName(to, cols)});
                }
            });
            return out;
        }

        private void renameIndexes(List<String[]> renames) {
            for (String[] r : renames) {
                indexTable.put(r[1], indexTable.remove(r[0]));
                indexColumns.put(r[1], indexColumns.remove(r[0]));
            }
        }

        boolean knows(Call p) {
            if (p.name().equals("__not")) return knows((Call) p.args().get(0));
            return known.contains(ActiveRecordSql.name(p.arg(0)));
        }

        boolean holds(Call p) {
            if (p.name().equals("__not")) return !holds((Call) p.args().get(0));
            String table = ActiveRecordSql.name(p.arg(0));
            return switch (p.name()) {
                case "table_exists?" -> columns.containsKey(table);
                case "column_exists?" -> columns.getOrDefault(table, Set.of()).contains(ActiveRecordSql.name(p.arg(1)));
                case "index_name_exists?" -> indexTable.containsKey(ActiveRecordSql.name(p.arg(1)));
                case "index_exists?" -> ActiveRecordSql.given(p.opts().get("name")) instanceof ActiveRecordSql.Given n
                        ? indexTable.containsKey(ActiveRecordSql.name(n.v()))
                        : indexColumns.entrySet().stream().anyMatch(e -> table.equals(indexTable.get(e.getKey()))
                        && e.getValue().equals(ActiveRecordSql.names(p.arg(1))));
                default -> false;
            };
        }

        private void index(String table, Object cols, Map<String, Object> o, ActiveRecordSql sql) {
            String name = sql.indexNameFor(table, cols, o);
            indexTable.put(name, table);
            indexColumns.put(name, cols instanceof String s && !s.matches("\\w+") ? List.of(s) : ActiveRecordSql.names(cols));
        }

        private void dropTable(String table) {
            known.add(table);
            columns.remove(table);
            indexTable.values().removeIf(table::equals);
            indexColumns.keySet().retainAll(indexTable.keySet());
        }

        void apply(Call c, ActiveRecordSql sql) {
            List<Object> a = c.args();
            Map<String, Object> o = c.opts();
            switch (c.name()) {
                case "create_table" -> {
                    String table = ActiveRecordSql.name(a.get(0));
                    known.add(table);
                    Set<String> cols = new java.util.LinkedHashSet<>();
                    Object id = o.get("id");
                    if (!Boolean.FALSE.equals(id)) {
                        cols.add(o.get("primary_key") instanceof Sym pk ? pk.name() : "id");
                        keyed.add(table);
                        boolean integer = id == null || id instanceof Sym s && Set.of("primary_key", "integer", "bigint", "serial", "bigserial").contains(s.name());
                        if (integer && !o.containsKey("default")) sequenced.add(table);
                    } else if (o.get("primary_key") instanceof List) {
                        keyed.add(table);
                    }
                    columns.put(table, cols);
                    for (Call t : c.block() == null ? List.<Call>of() : c.block()) {
                        String m = t.name().substring(2);
                        switch (m) {
                            case "timestamps" -> { cols.add("created_at"); cols.add("updated_at"); }
                            case "index" -> index(table, t.arg(0), t.opts(), sql);
                            case "references", "belongs_to" -> {
                                for (Object ref : t.args()) {
                                    String r = ActiveRecordSql.name(ref);
                                    cols.add(r + "_id");
                                    if (Boolean.TRUE.equals(t.opts().get("polymorphic"))) cols.add(r + "_type");
                                    if (!Boolean.FALSE.equals(t.opts().get("index"))) {
                                        index(table, r + "_id", t.opts().get("index") instanceof Map<?, ?> im ? castMap(im) : Map.of(), sql);
                                    }
                                }
                            }
                            case "column" -> cols.add(ActiveRecordSql.name(t.arg(0)));
                            case "foreign_key", "check_constraint" -> { }
                            default -> t.args().forEach(x -> cols.add(ActiveRecordSql.name(x)));
                        }
                    }
                }
                case "create_join_table" -> columns.put(joinTableName(c), new java.util.LinkedHashSet<>());
                case "drop_table" -> a.forEach(x -> dropTable(ActiveRecordSql.name(x)));
                case "rename_table" -> {
                    String from = ActiveRecordSql.name(a.get(0));
                    String to = ActiveRecordSql.name(a.get(1));
                    renameIndexes(tableIndexRenames(from, to, sql));
                    Set<String> cols = columns.remove(from);
                    if (cols != null) columns.put(to, cols);
                    if (known.contains(from)) known.add(to);
                    if (keyed.remove(from)) keyed.add(to);
                    if (sequenced.remove(from)) sequenced.add(to);
                    indexTable.replaceAll((k, v) -> v.equals(from) ? to : v);
                }
                case "add_column" -> columns.computeIfAbsent(ActiveRecordSql.name(a.get(0)), k -> new java.util.LinkedHashSet<>())
                        .add(ActiveRecordSql.name(a.get(1)));
                case "remove_column", "remove_columns" -> {
                    Set<String> cols = columns.get(ActiveRecordSql.name(a.get(0)));
                    if (cols != null) a.subList(1, a.size()).forEach(x -> cols.remove(String.valueOf(x)));
                }
                case "rename_column" -> {
                    String table = ActiveRecordSql.name(a.get(0));
                    String from = ActiveRecordSql.name(a.get(1));
                    String to = ActiveRecordSql.name(a.get(2));
                    renameIndexes(columnIndexRenames(table, from, to, sql));
                    indexColumns.replaceAll((k, v) -> table.equals(indexTable.get(k))
                            ? v.stream().map(x -> x.equals(from) ? to : x).toList() : v);
                    Set<String> cols = columns.get(ActiveRecordSql.name(a.get(0)));
                    if (cols != null && cols.remove(ActiveRecordSql.name(a.get(1)))) cols.add(ActiveRecordSql.name(a.get(2)));
                }
                case "add_timestamps" -> columns.computeIfAbsent(ActiveRecordSql.name(a.get(0)), k -> new java.util.LinkedHashSet<>())
                        .addAll(List.of("created_at", "updated_at"));
                case "add_index" -> index(ActiveRecordSql.name(a.get(0)), a.get(1), o, sql);
                case "remove_index" -> {
                    Object cols = a.size() > 1 ? a.get(1) : o.get("column");
                    String name = sql.indexNameFor(a.get(0), cols, o);
                    indexTable.remove(name);
                    indexColumns.remove(name);
                }
                case "rename_index" -> {
                    String from = ActiveRecordSql.name(a.get(1));
                    String table = indexTable.remove(from);
                    List<String> cols = indexColumns.remove(from);
                    if (table != null) {
                        indexTable.put(ActiveRecordSql.name(a.get(2)), table);
                        indexColumns.put(ActiveRecordSql.name(a.get(2)), cols);
                    }
                }
                case "add_reference", "add_belongs_to" -> {
                    String table = ActiveRecordSql.name(a.get(0));
                    String ref = ActiveRecordSql.name(a.get(1));
                    columns.computeIfAbsent(table, k -> new java.util.LinkedHashSet<>()).add(ref + "_id");
                    if (!Boolean.FALSE.equals(o.get("index"))) {
                        index(table, ref + "_id", o.get("index") instanceof Map<?, ?> im ? castMap(im) : Map.of(), sql);
                    }
                }
                case "change_table" -> {
                    for (Call t : c.block() == null ? List.<Call>of() : c.block()) {
                        Call asTable = tableCall(a.get(0), t);
                        if (asTable != null) apply(asTable, sql);
                    }
                }
                default -> { }
            }
        }
    }

    // ---- create_table

    private List<String> createTable(Call c, ActiveRecordSql sql) {
        String table = ActiveRecordSql.name(c.arg(0));
        Map<String, Object> o = c.opts();
        boolean pg = sql.postgres();
        List<String> out = new ArrayList<>();
        Object force = o.get("force");
        if (force != null && force != Nil.NIL && !Boolean.FALSE.equals(force)) {
            out.add("DROP TABLE IF EXISTS " + sql.qt(table) + (force instanceof Sym f && f.name().equals("cascade") ? " CASCADE" : ""));
        }
        List<String> columns = new ArrayList<>();
        List<Object[]> indexes = new ArrayList<>();
        List<String> constraints = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        Object id = o.containsKey("id") ? o.get("id") : new Sym(sql.version() < 5.1 ? "integer" : "primary_key");
        Object pk = o.get("primary_key");
        if (!Boolean.FALSE.equals(id) && !(pk instanceof List)) {
            String pkName = pk == null || pk == Nil.NIL ? "id" : ActiveRecordSql.name(pk);
            Object type = Boolean.TRUE.equals(id) ? new Sym("primary_key") : id;
            Map<String, Object> po = new LinkedHashMap<>();
            po.put("primary_key", true);
            if (o.containsKey("default")) po.put("default", o.get("default"));
            if (pg && type instanceof Sym s && s.name().equals("uuid") && !po.containsKey("default")) {
                po.put("default", new Ruby.Raw(sql.version() < 5.1 ? "uuid_generate_v4()" : "gen_random_uuid()"));
            }
            if (o.containsKey("limit")) po.put("limit", o.get("limit"));
            columns.add(sql.column(pkName, type, po));
        }
        for (Call t : c.block() == null ? List.<Call>of() : c.block()) {
            if (t.untranslated() != null) throw new Untranslatable("create_table's " + t.name() + " at line " + t.line());
            String m = t.name().substring(2);
            List<Object> a = t.args();
            Map<String, Object> to = t.opts();
            switch (m) {
                case "column" -> {
                    columns.add(sql.column(a.get(0), a.get(1), to));
                    comment(comments, sql, table, a.get(0), to);
                }
                case "timestamps" -> {
                    Map<String, Object> ts = new LinkedHashMap<>(to);
                    if (!ts.containsKey("null")) ts.put("null", sql.version() >= 5.0 ? Boolean.FALSE : Boolean.TRUE);
                    columns.add(sql.column("created_at", new Sym("datetime"), ts));
                    columns.add(sql.column("updated_at", new Sym("datetime"), ts));
                }
                case "references", "belongs_to" -> {
                    for (Object ref : a) {
                        Reference r = reference(table, ActiveRecordSql.name(ref), to, sql);
                        columns.addAll(r.columns());
                        if (r.index() != null) indexes.add(new Object[]{r.indexColumns(), r.index()});
                        if (r.foreignKey() != null) constraints.add(sql.foreignKeyClause(r.foreignKey()));
                    }
                }
                case "index" -> indexes.add(new Object[]{a.get(0), to});
                case "foreign_key" -> constraints.add(sql.foreignKeyClause(sql.foreignKey(table, a.get(0), to)));
                case "check_constraint" -> constraints.add(sql.checkClause(table, ActiveRecordSql.string(a.get(0), "the check expression"), to));
                case "primary_key" -> {
                    Map<String, Object> po = new LinkedHashMap<>(to);
                    po.put("primary_key", true);
                    columns.add(sql.column(a.get(0), a.size() > 1 ? a.get(1) : new Sym("primary_key"), po));
                }
                default -> {
                    if (a.isEmpty()) throw new Untranslatable("create_table's " + t.name() + " at line " + t.line());
                    for (Object col : a) {
                        columns.add(sql.column(col, new Sym(m), to));
                        comment(comments, sql, table, col, to);
                    }
                }
            }
        }
        if (pk instanceof List<?> keys) {
            columns.add("PRIMARY KEY (" + String.join(", ", ActiveRecordSql.names(keys).stream().map(sql::qc).toList()) + ")");
        }
        List<String> parts = new ArrayList<>(columns);
        if (!pg) {
            for (Object[] ix : indexes) {
                @SuppressWarnings("unchecked") Map<String, Object> io = (Map<String, Object>) ix[1];
                String create = sql.createIndex(table, ix[0], io);
                parts.add(create.replaceFirst("^CREATE ", "").replaceFirst(" ON " + java.util.regex.Pattern.quote(sql.qt(table)), ""));
            }
        }
        parts.addAll(constraints);
        StringBuilder create = new StringBuilder("CREATE ");
        if (Boolean.TRUE.equals(o.get("temporary"))) create.append("TEMPORARY ");
        else if (pg && Boolean.TRUE.equals(o.get("unlogged"))) create.append("UNLOGGED ");
        create.append("TABLE ");
        if (Boolean.TRUE.equals(o.get("if_not_exists"))) create.append("IF NOT EXISTS ");
        create.append(sql.qt(table));
        if (!parts.isEmpty()) create.append(" (").append(String.join(", ", parts)).append(")");
        if (o.get("options") instanceof String opt) create.append(' ').append(opt);
        out.add(create.toString());
        if (pg) {
            for (Object[] ix : indexes) {
                @SuppressWarnings("unchecked") Map<String, Object> io = (Map<String, Object>) ix[1];
                out.add(sql.createIndex(table, ix[0], io));
            }
            if (o.get("comment") instanceof String comment) out.add("COMMENT ON TABLE " + sql.qt(table) + " IS " + ActiveRecordSql.quote(comment));
            out.addAll(comments);
        }
        return out;
    }

    private static void comment(List<String> comments, ActiveRecordSql sql, String table, Object column, Map<String, Object> o) {
        if (sql.postgres() && o.get("comment") instanceof String c) {
            comments.add("COMMENT ON COLUMN " + sql.qt(table) + "." + sql.qc(column) + " IS " + ActiveRecordSql.quote(c));
        }
    }

    private List<String> createJoinTable(Call c, ActiveRecordSql sql) {
        String name = joinTableName(c);
        List<Call> block = new ArrayList<>();
        Map<String, Object> colOpts = new LinkedHashMap<>();
        colOpts.put("null", false);
        if (c.opts().get("column_options") instanceof Map<?, ?> m) colOpts.putAll(castMap(m));
        for (Object t : List.of(c.arg(0), c.arg(1))) {
            String ref = Inflector.singularize(ActiveRecordSql.name(t));
            Map<String, Object> ro = new LinkedHashMap<>(colOpts);
            ro.put("index", false);
            block.add(new Call("t.references", c.line(), List.of(new Sym(ref)), ro, null));
        }
        if (c.block() != null) block.addAll(c.block());
        Map<String, Object> opts = new LinkedHashMap<>(c.opts());
        opts.remove("table_name");
        opts.remove("column_options");
        opts.put("id", false);
        return createTable(new Call("create_table", c.line(), List.of(name), opts, block), sql);
    }

    private static String joinTableName(Call c) {
        if (ActiveRecordSql.given(c.opts().get("table_name")) instanceof ActiveRecordSql.Given t) return ActiveRecordSql.name(t.v());
        String a = ActiveRecordSql.name(c.arg(0));
        String b = ActiveRecordSql.name(c.arg(1));
        // find_join_table_name: the two names in lexical order, joined, their common prefix once
        String first = a.compareTo(b) <= 0 ? a : b;
        String second = a.compareTo(b) <= 0 ? b : a;
        return (first + "_" + second).replaceAll("([^_]+_)(\\1)", "$1");
    }

    /** A reference's columns, index and foreign key (ReferenceDefinition). */
    private record Reference(List<String> columns, Object indexColumns, Map<String, Object> index, ForeignKey foreignKey,
                             List<Object[]> rawColumns) {}

    private Reference reference(String table, String ref, Map<String, Object> o, ActiveRecordSql sql) {
        boolean polymorphic = o.get("polymorphic") != null && o.get("polymorphic") != Nil.NIL && !Boolean.FALSE.equals(o.get("polymorphic"));
        Object type = o.getOrDefault("type", new Sym(sql.version() < 5.1 ? "integer" : "bigint"));
        Map<String, Object> colOpts = new LinkedHashMap<>(o);
        for (String k : List.of("polymorphic", "index", "foreign_key", "type")) colOpts.remove(k);
        List<String> cols = new ArrayList<>();
        List<Object[]> raw = new ArrayList<>();
        if (polymorphic) {
            Map<String, Object> po = new LinkedHashMap<>();
            if (o.get("polymorphic") instanceof Map<?, ?> m) po.putAll(castMap(m));
            for (String k : List.of("null", "first", "after")) if (colOpts.containsKey(k)) po.put(k, colOpts.get(k));
            cols.add(sql.column(ref + "_type", new Sym("string"), po));
            raw.add(new Object[]{ref + "_type", new Sym("string"), po});
        }
        cols.add(sql.column(ref + "_id", type, colOpts));
        raw.add(new Object[]{ref + "_id", type, colOpts});
        Object indexOpt = o.containsKey("index") ? o.get("index") : (sql.version() < 5.0 ? Boolean.FALSE : Boolean.TRUE);
        Map<String, Object> index = null;
        Object indexColumns = polymorphic ? List.of(ref + "_type", ref + "_id") : ref + "_id";
        if (indexOpt != null && indexOpt != Nil.NIL && !Boolean.FALSE.equals(indexOpt)) {
            index = indexOpt instanceof Map<?, ?> m ? castMap(m) : new LinkedHashMap<>();
            if (polymorphic && !index.containsKey("name") && sql.version() >= 7.1) index.put("name", "index_" + table + "_on_" + ref);
        }
        ForeignKey fk = null;
        Object fkOpt = o.get("foreign_key");
        if (fkOpt != null && fkOpt != Nil.NIL && !Boolean.FALSE.equals(fkOpt)) {
            if (polymorphic) throw new Untranslatable("a foreign key on a polymorphic reference");
            Map<String, Object> fo = fkOpt instanceof Map<?, ?> m ? castMap(m) : new LinkedHashMap<>();
            Object to = fo.containsKey("to_table") ? fo.remove("to_table") : new Sym(Inflector.pluralize(ref));
            fo.put("column", ref + "_id");
            fk = sql.foreignKey(table, to, fo);
        }
        return new Reference(cols, indexColumns, index, fk, raw);
    }

    private List<String> addReference(Object tableValue, Object refValue, Map<String, Object> o, ActiveRecordSql sql) {
        String table = ActiveRecordSql.name(tableValue);
        Reference r = reference(table, ActiveRecordSql.name(refValue), o, sql);
        List<String> out = new ArrayList<>();
        for (Object[] col : r.rawColumns()) {
            @SuppressWarnings("unchecked") Map<String, Object> co = (Map<String, Object>) col[2];
            out.add("ALTER TABLE " + sql.qt(table) + " ADD " + sql.column(col[0], col[1], co));
        }
        if (r.index() != null) out.add(sql.createIndex(table, r.indexColumns(), r.index()));
        if (r.foreignKey() != null) out.add(sql.addForeignKey(r.foreignKey()));
        return out;
    }
}
