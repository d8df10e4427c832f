package dev.rehearse.migrate.rails;

import dev.rehearse.InvalidInputException;
import org.jruby.RubyInstanceConfig;
import org.jruby.ast.ArrayNode;
import org.jruby.ast.BignumNode;
import org.jruby.ast.DStrNode;
import org.jruby.ast.FalseNode;
import org.jruby.ast.FixnumNode;
import org.jruby.ast.FloatNode;
import org.jruby.ast.HashNode;
import org.jruby.ast.IterNode;
import org.jruby.ast.ListNode;
import org.jruby.ast.NilNode;
import org.jruby.ast.Node;
import org.jruby.ast.StrNode;
import org.jruby.ast.SymbolNode;
import org.jruby.ast.TrueNode;
import org.jruby.ast.ZArrayNode;
import org.jruby.exceptions.RaiseException;
import org.jruby.util.KeyValuePair;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JRuby's own parser, for reading migrations without Ruby installed: the AST with each node's line. The parser needs
 * a runtime (symbols and encodings live there), so one is booted once per JVM, on the first Rails file read, with
 * gems, native access and the JIT off; it never evaluates the files.
 */
final class Ruby {

    private static org.jruby.Ruby runtime;

    private Ruby() {}

    private static synchronized org.jruby.Ruby runtime() {
        if (runtime == null) {
            RubyInstanceConfig config = new RubyInstanceConfig();
            config.setDisableGems(true);
            config.setNativeEnabled(false);
            config.setObjectSpaceEnabled(false);
            config.setCompileMode(RubyInstanceConfig.CompileMode.OFF);
            config.setHardExit(false);
            runtime = org.jruby.Ruby.newInstance(config);
        }
        return runtime;
    }

    private static final Pattern SYNTAX_LINE = Pattern.compile(":(\\d+): (.*)", Pattern.DOTALL);

    /**
     * @throws InvalidInputException naming file:line for a syntax error
     */
    static Node parse(Path file, String text) {
        org.jruby.Ruby rt = runtime();
        synchronized (Ruby.class) {
            try {
                return rt.parseFile(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), file.toString(), null);
            } catch (RaiseException e) {
                String message = e.getException().message(rt.getCurrentContext()).asJavaString();
                Matcher m = SYNTAX_LINE.matcher(message);
                if (m.find()) {
                    String what = m.group(2).lines().findFirst().orElse("").trim();
                    throw InvalidInputException.at(file, Integer.parseInt(m.group(1)), "Ruby syntax error: " + what);
                }
                throw new InvalidInputException(file + ": Ruby syntax error: " + message.lines().findFirst().orElse(""));
            }
        }
    }

    /** 1-based line of a node (JRuby counts from 0). */
    static int line(Node n) {
        return n.getLine() + 1;
    }

    /** A Ruby symbol literal, {@code :users}. */
    record Sym(String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A lambda whose body is a string: raw SQL for {@code default: -> { "now()" }}. */
    record Raw(String sql) {}

    /** An expression with no literal value here (a method call, a constant, an interpolated string). */
    record Opaque(String what) {}

    /** Ruby's nil, apart from "no value". */
    enum Nil { NIL }

    /** The literal value of an expression, or an {@link Opaque}. */
    static Object value(Node n) {
        if (n == null) return Nil.NIL;
        if (n instanceof StrNode s) return s.getValue().toString();
        if (n instanceof DStrNode d) {
            StringBuilder out = new StringBuilder();
            for (Node part : children(d)) {
                Object v = value(part);
                if (!(v instanceof String str)) return new Opaque("interpolated string");
                out.append(str);
            }
            return out.toString();
        }
        if (n instanceof SymbolNode s) return new Sym(s.getName().idString());
        if (n instanceof FixnumNode f) return f.getValue();
        if (n instanceof BignumNode b) return b.getValue();
        if (n instanceof FloatNode f) return f.getValue();
        if (n instanceof TrueNode) return Boolean.TRUE;
        if (n instanceof FalseNode) return Boolean.FALSE;
        if (n instanceof NilNode) return Nil.NIL;
        if (n instanceof ZArrayNode) return List.of();
        if (n instanceof ArrayNode a) {
            List<Object> out = new ArrayList<>();
            for (Node e : children(a)) out.add(value(e));
            return out;
        }
        if (n instanceof HashNode h) return hash(h);
        if (n instanceof IterNode it && n.getNodeType() == org.jruby.ast.NodeType.LAMBDANODE) {
            Object body = value(it.getBodyNode());
            return body instanceof String s ? new Raw(s) : new Opaque("lambda");
        }
        return new Opaque(n.getNodeType().name().toLowerCase(java.util.Locale.ROOT).replace("node", ""));
    }

    /** A hash literal, keyed by the names of its symbol or string keys. */
    static Map<String, Object> hash(HashNode h) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (KeyValuePair<Node, Node> p : h.getPairs()) {
            Object key = value(p.getKey());
            out.put(key instanceof Sym s ? s.name() : String.valueOf(key), value(p.getValue()));
        }
        return out;
    }

    /** A list node's children by index (its iterator may run past its size). */
    static List<Node> children(ListNode l) {
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) if (l.get(i) != null) out.add(l.get(i));
        return out;
    }

    /** The expressions of a body in order (a block, or one expression). */
    static List<Node> statements(Node body) {
        if (body == null || body instanceof NilNode) return List.of();
        if (body instanceof org.jruby.ast.BlockNode b) {
            List<Node> out = new ArrayList<>();
            out.addAll(children(b));
            return out;
        }
        return List.of(body);
    }
}
