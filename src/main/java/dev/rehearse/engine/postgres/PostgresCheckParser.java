package dev.rehearse.engine.postgres;

import dev.rehearse.seed.CheckInterpreter;
import dev.rehearse.seed.ColumnRule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.rehearse.seed.CheckInterpreter.add;

/**
 * Reads the CHECK forms a generator can honour out of the engine's printed constraint text
 * ({@code pg_get_constraintdef}): a column compared with a constant, {@code AND} of those (BETWEEN
 * prints that way), {@code col = ANY (ARRAY[...])} (IN), {@code col <> ALL (ARRAY[...])} (NOT IN),
 * {@code length(col)} / {@code char_length(col)} against a constant, {@code col IS NOT NULL}, and
 * {@code col IS NULL OR ...} (the seed fills columns, so the other branch is what must hold). Casts
 * are ignored. Anything else is reported as not understood and left for the server to judge.
 */
public final class PostgresCheckParser {

    /**
     * @param rules what the understood parts demand, per column
     * @param complete whether every part of the constraint was understood
     */

    private static final Set<String> LENGTH_FUNCTIONS =
            Set.of("length", "char_length", "character_length", "octet_length");
    // Words that continue a multi-word type name after a cast: character varying, timestamp with time zone.
    private static final Set<String> TYPE_WORDS = Set.of("varying", "precision", "with", "without", "time", "zone");

    private PostgresCheckParser() {}

    /** @param valueColumn the column that {@code VALUE} stands for in a domain's check, or null */
    public static CheckInterpreter.Reading parse(String definition, String valueColumn) {
        String text = definition.strip();
        if (text.regionMatches(true, 0, "CHECK", 0, 5)) text = text.substring(5);
        if (text.toUpperCase(Locale.ROOT).endsWith(" NOT VALID")) text = text.substring(0, text.length() - 10);
        Map<String, ColumnRule> rules = new HashMap<>();
        try {
            Parser p = new Parser(tokenize(text), valueColumn);
            Node root = p.expr();
            if (!p.atEnd()) return new CheckInterpreter.Reading(Map.of(), false);
            boolean complete = apply(root, rules);
            return new CheckInterpreter.Reading(Map.copyOf(rules), complete);
        } catch (IllegalArgumentException e) {
            return new CheckInterpreter.Reading(Map.of(), false);
        }
    }

    // ---- interpretation ----

    private static boolean apply(Node n, Map<String, ColumnRule> rules) {
        if (n instanceof And and) {
            boolean all = true;
            for (Node part : and.parts()) all &= apply(part, rules);
            return all;
        }
        if (n instanceof Or or) {
            // x IS NULL OR <condition on x>: generated values are never NULL, so the condition must hold.
            List<Node> rest = or.parts().stream().filter(p -> !(p instanceof IsNull isNull && !isNull.negated())).toList();
            return rest.size() == 1 && or.parts().size() == 2 && apply(rest.get(0), rules);
        }
        if (n instanceof IsNull isNull && isNull.negated() && isNull.operand() instanceof Col c) {
            return add(rules, c.name(), ColumnRule.NOT_NULL);
        }
        if (n instanceof Col c) return add(rules, c.name(), ColumnRule.allowed(List.of("true")));
        if (n instanceof Not not && not.operand() instanceof Col c) {
            return add(rules, c.name(), ColumnRule.allowed(List.of("false")));
        }
        if (n instanceof Quantified q && q.operand() instanceof Col c && q.array() instanceof Arr arr
                && arr.items().stream().allMatch(i -> i instanceof Const)) {
            List<String> values = arr.items().stream().map(i -> ((Const) i).value()).toList();
            if (q.op().equals("=") && q.any()) return add(rules, c.name(), ColumnRule.allowed(values));
            if (isNotEqual(q.op()) && !q.any()) return add(rules, c.name(), ColumnRule.excluded(values));
            return false;
        }
        if (n instanceof Cmp cmp) {
            Node left = cmp.left();
            Node right = cmp.right();
            String op = cmp.op();
            if (left instanceof Const && !(right instanceof Const)) {
                Node t = left;
                left = right;
                right = t;
                op = ColumnRule.flipped(op);
            }
            if (!(right instanceof Const k)) return false;
            if (left instanceof Col c) return add(rules, c.name(), ColumnRule.comparing(op, k.value()));
            if (left instanceof Func f && LENGTH_FUNCTIONS.contains(f.name()) && f.args().size() == 1
                    && f.args().get(0) instanceof Col c && !k.string()) {
                return add(rules, c.name(), ColumnRule.lengthComparing(op, Integer.parseInt(k.value())));
            }
        }
        return false;
    }

    private static boolean isNotEqual(String op) {
        return op.equals("<>") || op.equals("!=");
    }

    // ---- syntax: a small expression tree, enough for the printed forms above ----

    private sealed interface Node permits Col, Const, Func, Arr, Cmp, Quantified, IsNull, And, Or, Not, Other {}

    private record Col(String name) implements Node {}

    /** @param string a quoted literal (as opposed to a bare number) */
    private record Const(String value, boolean string) implements Node {}

    private record Func(String name, List<Node> args) implements Node {}

    private record Arr(List<Node> items) implements Node {}

    private record Cmp(String op, Node left, Node right) implements Node {}

    /** {@code operand op ANY|ALL (array)}. */
    private record Quantified(String op, boolean any, Node operand, Node array) implements Node {}

    private record IsNull(Node operand, boolean negated) implements Node {}

    private record And(List<Node> parts) implements Node {}

    private record Or(List<Node> parts) implements Node {}

    private record Not(Node operand) implements Node {}

    /** Arithmetic and whatever else is valid SQL but not a form the generators use. */
    private record Other() implements Node {}

    private enum T { IDENT, QUOTED_IDENT, NUMBER, STRING, OP, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, DOT, CAST }

    private record Token(T type, String text) {}

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
            } else if (ch == '\'' || ((ch == 'E' || ch == 'e') && i + 1 < s.length() && s.charAt(i + 1) == '\'')) {
                boolean escapes = ch != '\'';
                if (escapes) i++;
                StringBuilder b = new StringBuilder();
                i++;
                while (true) {
                    if (i >= s.length()) throw new IllegalArgumentException("unterminated string");
                    char c = s.charAt(i);
                    if (c == '\'' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                        b.append('\'');
                        i += 2;
                    } else if (c == '\'') {
                        i++;
                        break;
                    } else if (escapes && c == '\\' && i + 1 < s.length()) {
                        b.append(s.charAt(i + 1));
                        i += 2;
                    } else {
                        b.append(c);
                        i++;
                    }
                }
                out.add(new Token(T.STRING, b.toString()));
            } else if (ch == '"') {
                int end = s.indexOf('"', i + 1);
                while (end >= 0 && end + 1 < s.length() && s.charAt(end + 1) == '"') end = s.indexOf('"', end + 2);
                if (end < 0) throw new IllegalArgumentException("unterminated identifier");
                out.add(new Token(T.QUOTED_IDENT, s.substring(i + 1, end).replace("\"\"", "\"")));
                i = end + 1;
            } else if (Character.isDigit(ch)) {
                int j = i;
                while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) j++;
                if (j < s.length() && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
                    j++;
                    if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) j++;
                    while (j < s.length() && Character.isDigit(s.charAt(j))) j++;
                }
                out.add(new Token(T.NUMBER, s.substring(i, j)));
                i = j;
            } else if (Character.isLetter(ch) || ch == '_') {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_'
                        || s.charAt(j) == '$')) j++;
                out.add(new Token(T.IDENT, s.substring(i, j)));
                i = j;
            } else if (s.startsWith("::", i)) {
                out.add(new Token(T.CAST, "::"));
                i += 2;
            } else if ("()[],.".indexOf(ch) >= 0) {
                T t = switch (ch) {
                    case '(' -> T.LPAREN;
                    case ')' -> T.RPAREN;
                    case '[' -> T.LBRACKET;
                    case ']' -> T.RBRACKET;
                    case ',' -> T.COMMA;
                    default -> T.DOT;
                };
                out.add(new Token(t, String.valueOf(ch)));
                i++;
            } else {
                int j = i;
                while (j < s.length() && "+-*/<>=~!@#%^&|`?".indexOf(s.charAt(j)) >= 0) j++;
                if (j == i) throw new IllegalArgumentException("unexpected " + ch);
                out.add(new Token(T.OP, s.substring(i, j)));
                i = j;
            }
        }
        return out;
    }

    private static final class Parser {
        private final List<Token> tokens;
        private final String valueColumn;
        private int pos;

        Parser(List<Token> tokens, String valueColumn) {
            this.tokens = tokens;
            this.valueColumn = valueColumn;
        }

        boolean atEnd() {
            return pos == tokens.size();
        }

        Node expr() {
            List<Node> parts = new ArrayList<>(List.of(and()));
            while (keyword("OR")) parts.add(and());
            return parts.size() == 1 ? parts.get(0) : new Or(parts);
        }

        private Node and() {
            List<Node> parts = new ArrayList<>(List.of(not()));
            while (keyword("AND")) parts.add(not());
            return parts.size() == 1 ? parts.get(0) : new And(parts);
        }

        private Node not() {
            return keyword("NOT") ? new Not(not()) : predicate();
        }

        private Node predicate() {
            Node left = arithmetic();
            Token t = peek();
            if (t != null && t.type() == T.OP && Set.of("=", "<>", "!=", "<", "<=", ">", ">=").contains(t.text())) {
                pos++;
                boolean any = peekKeyword("ANY") || peekKeyword("SOME");
                if (any || peekKeyword("ALL")) {
                    pos++;
                    expect(T.LPAREN);
                    Node array = expr();
                    expect(T.RPAREN);
                    return new Quantified(t.text(), any, left, array);
                }
                return new Cmp(t.text(), left, arithmetic());
            }
            if (keyword("IS")) {
                boolean negated = keyword("NOT");
                if (!keyword("NULL")) throw new IllegalArgumentException("IS without NULL");
                return new IsNull(left, negated);
            }
            if (t != null && (t.type() == T.OP || peekKeyword("LIKE") || peekKeyword("ILIKE"))) {
                pos++;
                arithmetic();
                return new Other();
            }
            return left;
        }

        private Node arithmetic() {
            Node left = unary();
            while (peek() != null && peek().type() == T.OP && Set.of("+", "-", "*", "/", "%", "||").contains(peek().text())) {
                pos++;
                unary();
                left = new Other();
            }
            return left;
        }

        private Node unary() {
            Token t = peek();
            if (t != null && t.type() == T.OP && t.text().equals("-")) {
                pos++;
                Node n = unary();
                return n instanceof Const c && !c.string() ? new Const("-" + c.value(), false) : new Other();
            }
            Node n = primary();
            while (peek() != null && peek().type() == T.CAST) {
                pos++;
                typeName();
            }
            return n;
        }

        private Node primary() {
            Token t = next();
            switch (t.type()) {
                case LPAREN -> {
                    Node n = expr();
                    expect(T.RPAREN);
                    return n;
                }
                case NUMBER -> {
                    return new Const(t.text(), false);
                }
                case STRING -> {
                    return new Const(t.text(), true);
                }
                case QUOTED_IDENT -> {
                    return new Col(t.text());
                }
                case IDENT -> {
                    String word = t.text();
                    if (word.equalsIgnoreCase("ARRAY") && peek() != null && peek().type() == T.LBRACKET) {
                        pos++;
                        List<Node> items = list(T.RBRACKET);
                        return new Arr(items);
                    }
                    if (word.equalsIgnoreCase("true") || word.equalsIgnoreCase("false")) {
                        return new Const(word.toLowerCase(Locale.ROOT), false);
                    }
                    if (word.equalsIgnoreCase("NULL")) return new Other();
                    if (peek() != null && peek().type() == T.LPAREN) {
                        pos++;
                        return new Func(word.toLowerCase(Locale.ROOT), list(T.RPAREN));
                    }
                    if (word.equals("VALUE") && valueColumn != null) return new Col(valueColumn);
                    return new Col(word);
                }
                default -> throw new IllegalArgumentException("unexpected " + t.text());
            }
        }

        private List<Node> list(T close) {
            List<Node> items = new ArrayList<>();
            if (peek() != null && peek().type() == close) {
                pos++;
                return items;
            }
            do {
                items.add(expr());
            } while (accept(T.COMMA));
            expect(close);
            return items;
        }

        /** Skips a type name: {@code text}, {@code character varying(20)}, {@code public.mood[]}. */
        private void typeName() {
            Token t = next();
            if (t.type() != T.IDENT && t.type() != T.QUOTED_IDENT) throw new IllegalArgumentException("type expected");
            while (peek() != null && peek().type() == T.IDENT && TYPE_WORDS.contains(peek().text().toLowerCase(Locale.ROOT))) pos++;
            if (accept(T.DOT)) typeName();
            if (peek() != null && peek().type() == T.LPAREN) {
                pos++;
                list(T.RPAREN);
            }
            while (accept(T.LBRACKET)) expect(T.RBRACKET);
        }

        private boolean keyword(String word) {
            if (peekKeyword(word)) {
                pos++;
                return true;
            }
            return false;
        }

        private boolean peekKeyword(String word) {
            Token t = peek();
            return t != null && t.type() == T.IDENT && t.text().equalsIgnoreCase(word);
        }

        private boolean accept(T type) {
            if (peek() != null && peek().type() == type) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(T type) {
            if (!accept(type)) throw new IllegalArgumentException(type + " expected");
        }

        private Token peek() {
            return pos < tokens.size() ? tokens.get(pos) : null;
        }

        private Token next() {
            if (pos >= tokens.size()) throw new IllegalArgumentException("unexpected end");
            return tokens.get(pos++);
        }
    }
}
