package dev.rehearse.engine.mysql.mariadb;

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
 * Reads the CHECK forms a generator can honour out of MariaDB's printed clause
 * ({@code information_schema.CHECK_CONSTRAINTS.CHECK_CLAUSE}, the server's own normalised print: backquoted
 * columns, lower-case keywords, strings with backslash escapes): a column compared with a constant, {@code AND}
 * of those, {@code col between a and b}, {@code col in (...)} and {@code col not in (...)} (a one-value list prints
 * as {@code =}/{@code <>}), {@code char_length(col)} / {@code octet_length(col)} (LENGTH prints so) against a
 * constant, {@code col is not null}, and {@code col is null or ...} (the seed fills columns, so the other branch is
 * what must hold). Anything else is reported as not understood and left for the server to judge.
 *
 * <p>Hand-written, as PostgreSQL's reader is: no SQL expression parser is served to this build, and the clause is
 * the server's print of a handful of forms, not user-written SQL.
 */
final class MariaDbCheckParser {

    private static final Set<String> LENGTH_FUNCTIONS = Set.of("char_length", "character_length", "octet_length", "length");
    private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", "<=", ">", ">=");

    private MariaDbCheckParser() {}

    /** @param valueColumn unused: MariaDB has no domains */
    static CheckInterpreter.Reading parse(String definition, String valueColumn) {
        String text = definition.strip();
        if (text.regionMatches(true, 0, "CHECK", 0, 5)) text = text.substring(5);
        Map<String, ColumnRule> rules = new HashMap<>();
        try {
            Parser p = new Parser(tokenize(text));
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
            // x is null or <condition on x>: generated values are never NULL, so the condition must hold.
            List<Node> rest = or.parts().stream().filter(p -> !(p instanceof IsNull isNull && !isNull.negated())).toList();
            return rest.size() == 1 && or.parts().size() == 2 && apply(rest.get(0), rules);
        }
        if (n instanceof IsNull isNull && isNull.negated() && isNull.operand() instanceof Col c) {
            return add(rules, c.name(), ColumnRule.NOT_NULL);
        }
        if (n instanceof In in && in.operand() instanceof Col c && in.items().stream().allMatch(i -> i instanceof Const)) {
            List<String> values = in.items().stream().map(i -> ((Const) i).value()).toList();
            return add(rules, c.name(), in.negated() ? ColumnRule.excluded(values) : ColumnRule.allowed(values));
        }
        if (n instanceof Between b && !b.negated() && b.operand() instanceof Col c
                && b.low() instanceof Const lo && b.high() instanceof Const hi) {
            return add(rules, c.name(), ColumnRule.lower(lo.value(), true).and(ColumnRule.upper(hi.value(), true)));
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
                    && f.args().get(0) instanceof Col c && !k.string() && k.value().matches("\\d+")) {
                return add(rules, c.name(), ColumnRule.lengthComparing(op, Integer.parseInt(k.value())));
            }
        }
        return false;
    }

    // ---- syntax ----

    private sealed interface Node permits Col, Const, Func, Cmp, In, Between, IsNull, And, Or, Other {}

    private record Col(String name) implements Node {}

    /** @param string a quoted literal (as opposed to a bare number) */
    private record Const(String value, boolean string) implements Node {}

    private record Func(String name, List<Node> args) implements Node {}

    private record Cmp(String op, Node left, Node right) implements Node {}

    private record In(Node operand, List<Node> items, boolean negated) implements Node {}

    private record Between(Node operand, Node low, Node high, boolean negated) implements Node {}

    private record IsNull(Node operand, boolean negated) implements Node {}

    private record And(List<Node> parts) implements Node {}

    private record Or(List<Node> parts) implements Node {}

    /** NOT, arithmetic, LIKE and whatever else is valid SQL but not a form the generators use. */
    private record Other() implements Node {}

    private enum T { IDENT, QUOTED_IDENT, NUMBER, STRING, OP, LPAREN, RPAREN, COMMA, DOT }

    private record Token(T type, String text) {}

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
            } else if (ch == '\'' || ch == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (true) {
                    if (i >= s.length()) throw new IllegalArgumentException("unterminated string");
                    char c = s.charAt(i);
                    if (c == ch && i + 1 < s.length() && s.charAt(i + 1) == ch) {
                        b.append(ch);
                        i += 2;
                    } else if (c == ch) {
                        i++;
                        break;
                    } else if (c == '\\' && i + 1 < s.length()) {
                        char e = s.charAt(i + 1);
                        b.append(switch (e) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case 'r' -> '\r';
                            case '0' -> '\0';
                            case 'Z' -> '\032';
                            default -> e;
                        });
                        i += 2;
                    } else {
                        b.append(c);
                        i++;
                    }
                }
                out.add(new Token(T.STRING, b.toString()));
            } else if (ch == '`') {
                StringBuilder b = new StringBuilder();
                i++;
                while (true) {
                    if (i >= s.length()) throw new IllegalArgumentException("unterminated identifier");
                    char c = s.charAt(i);
                    if (c == '`' && i + 1 < s.length() && s.charAt(i + 1) == '`') {
                        b.append('`');
                        i += 2;
                    } else if (c == '`') {
                        i++;
                        break;
                    } else {
                        b.append(c);
                        i++;
                    }
                }
                out.add(new Token(T.QUOTED_IDENT, b.toString()));
            } else if (Character.isDigit(ch) || (ch == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int j = i;
                while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) j++;
                if (j < s.length() && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
                    j++;
                    if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) j++;
                    while (j < s.length() && Character.isDigit(s.charAt(j))) j++;
                }
                out.add(new Token(T.NUMBER, s.substring(i, j)));
                i = j;
            } else if (Character.isLetter(ch) || ch == '_' || ch == '$') {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '$')) j++;
                String word = s.substring(i, j);
                // A character set introducer (_utf8mb4'x') belongs to the string after it.
                if (word.startsWith("_") && j < s.length() && s.charAt(j) == '\'') {
                    i = j;
                    continue;
                }
                out.add(new Token(T.IDENT, word));
                i = j;
            } else if ("(),.".indexOf(ch) >= 0) {
                out.add(new Token(switch (ch) {
                    case '(' -> T.LPAREN;
                    case ')' -> T.RPAREN;
                    case ',' -> T.COMMA;
                    default -> T.DOT;
                }, String.valueOf(ch)));
                i++;
            } else {
                int j = i;
                while (j < s.length() && "+-*/<>=!&|^~%".indexOf(s.charAt(j)) >= 0) j++;
                if (j == i) throw new IllegalArgumentException("unexpected " + ch);
                out.add(new Token(T.OP, s.substring(i, j)));
                i = j;
            }
        }
        return out;
    }

    private static final class Parser {
        private final List<Token> tokens;
        private int pos;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        boolean atEnd() {
            return pos == tokens.size();
        }

        Node expr() {
            List<Node> parts = new ArrayList<>(List.of(and()));
            while (keyword("OR") || op("||")) parts.add(and());
            return parts.size() == 1 ? parts.get(0) : new Or(parts);
        }

        private Node and() {
            List<Node> parts = new ArrayList<>(List.of(not()));
            while (keyword("AND") || op("&&")) parts.add(not());
            return parts.size() == 1 ? parts.get(0) : new And(parts);
        }

        private Node not() {
            if (keyword("NOT") || op("!")) {
                not();
                return new Other();
            }
            return predicate();
        }

        private Node predicate() {
            Node left = arithmetic();
            Token t = peek();
            if (t != null && t.type() == T.OP && COMPARISONS.contains(t.text())) {
                pos++;
                return new Cmp(t.text(), left, arithmetic());
            }
            if (keyword("IS")) {
                boolean negated = keyword("NOT");
                if (!keyword("NULL")) { // IS [NOT] TRUE/FALSE/UNKNOWN
                    next();
                    return new Other();
                }
                return new IsNull(left, negated);
            }
            boolean negated = keyword("NOT");
            if (keyword("IN")) {
                expect(T.LPAREN);
                List<Node> items = new ArrayList<>();
                do {
                    items.add(expr());
                } while (accept(T.COMMA));
                expect(T.RPAREN);
                return new In(left, items, negated);
            }
            if (keyword("BETWEEN")) {
                Node low = arithmetic();
                if (!keyword("AND")) throw new IllegalArgumentException("BETWEEN without AND");
                return new Between(left, low, arithmetic(), negated);
            }
            if (keyword("LIKE") || keyword("RLIKE") || keyword("REGEXP")) {
                arithmetic();
                if (keyword("ESCAPE")) arithmetic();
                return new Other();
            }
            if (negated) throw new IllegalArgumentException("NOT without IN, BETWEEN or LIKE");
            return left;
        }

        private Node arithmetic() {
            Node left = unary();
            while (peek() != null && peek().type() == T.OP && !COMPARISONS.contains(peek().text())
                    && !peek().text().equals("||") && !peek().text().equals("&&")) {
                pos++;
                unary();
                left = new Other();
            }
            return left;
        }

        private Node unary() {
            Token t = peek();
            if (t != null && t.type() == T.OP && (t.text().equals("-") || t.text().equals("+"))) {
                pos++;
                Node n = unary();
                if (n instanceof Const c && !c.string()) return new Const(t.text().equals("-") ? negate(c.value()) : c.value(), false);
                return new Other();
            }
            return primary();
        }

        private static String negate(String v) {
            return v.startsWith("-") ? v.substring(1) : "-" + v;
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
                    // `t`.`c`: a qualified column names the same column.
                    String name = t.text();
                    while (accept(T.DOT)) name = next().text();
                    return new Col(name);
                }
                case IDENT -> {
                    String word = t.text();
                    if (peek() != null && peek().type() == T.LPAREN) {
                        pos++;
                        List<Node> args = new ArrayList<>();
                        if (!accept(T.RPAREN)) {
                            do {
                                args.add(expr());
                            } while (accept(T.COMMA));
                            expect(T.RPAREN);
                        }
                        return new Func(word.toLowerCase(Locale.ROOT), args);
                    }
                    if (word.equalsIgnoreCase("true")) return new Const("1", false);
                    if (word.equalsIgnoreCase("false")) return new Const("0", false);
                    if (word.equalsIgnoreCase("NULL")) return new Other();
                    return new Col(word);
                }
                default -> throw new IllegalArgumentException("unexpected " + t.text());
            }
        }

        private boolean keyword(String word) {
            Token t = peek();
            if (t != null && t.type() == T.IDENT && t.text().equalsIgnoreCase(word)) {
                pos++;
                return true;
            }
            return false;
        }

        private boolean op(String text) {
            Token t = peek();
            if (t != null && t.type() == T.OP && t.text().equals(text)) {
                pos++;
                return true;
            }
            return false;
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
