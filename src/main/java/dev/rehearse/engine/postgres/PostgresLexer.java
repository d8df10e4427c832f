package dev.rehearse.engine.postgres;

import dev.rehearse.migrate.SqlSplitException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small lexer for PostgreSQL's lexical rules (sql-syntax-lexical.html, scan.l): enough to find statement
 * boundaries and keywords, not to parse. Assumes standard_conforming_strings = on (the default since 9.1),
 * so backslashes escape only inside E'...' strings.
 */
public final class PostgresLexer {

    /**
     * One token.
     *
     * @param text the exact source text, quotes and delimiters included
     * @param line the 1-based line the token starts on
     * @param start offset of the first character in the source
     * @param end offset just past the last character
     */
    public record Token(Type type, String text, int line, int start, int end) {

        public enum Type { WORD, QUOTED_IDENT, STRING, DOLLAR_STRING, NUMBER, OPERATOR, PUNCT, SEMICOLON, COMMENT, PARAM }

        public boolean is(Type t, String s) {
            return type == t && text.equalsIgnoreCase(s);
        }
    }

    private static final String OP_CHARS = "~!@#^&|`?+-*/%<>=";
    /** An operator containing one of these may end in + or -; see {@link #operator()}. */
    private static final String NON_SQL_OP_CHARS = "~!@#^&|`?%";

    private final String src;
    private final int n;
    private int pos;
    private int line = 1;
    private int tokenLine;

    private PostgresLexer(String src) {
        this.src = src;
        this.n = src.length();
    }

    /**
     * @throws SqlSplitException at the line where an unterminated string, quoted identifier, block comment or
     *         dollar quote starts
     */
    public static List<Token> tokenize(String sql) {
        return new PostgresLexer(sql).run();
    }

    /**
     * A statement's significant tokens for rule matching: no comments, words upper-cased, quoted identifiers
     * unquoted in their original case, strings and everything else as written (quotes included, so a string
     * never reads as a keyword).
     */
    public static List<String> words(String sql) {
        List<String> out = new ArrayList<>();
        for (Token t : tokenize(sql)) {
            switch (t.type()) {
                case COMMENT -> { }
                case WORD -> out.add(t.text().toUpperCase(Locale.ROOT));
                case QUOTED_IDENT -> out.add(unquote(t.text()));
                default -> out.add(t.text());
            }
        }
        return out;
    }

    /** {@code "a""b"} to {@code a"b}; a U&amp; prefix is dropped, its escapes left as written. */
    static String unquote(String quoted) {
        String s = quoted.startsWith("\"") ? quoted : quoted.substring(2);
        return s.substring(1, s.length() - 1).replace("\"\"", "\"");
    }

    private List<Token> run() {
        List<Token> out = new ArrayList<>();
        while (true) {
            int ws = pos;
            while (pos < n && isSpace(src.charAt(pos))) pos++;
            countLines(ws);
            if (pos >= n) return out;
            int start = pos;
            tokenLine = line;
            Token.Type type = scan();
            out.add(new Token(type, src.substring(start, pos), tokenLine, start, pos));
            countLines(start);
        }
    }

    private Token.Type scan() {
        char c = src.charAt(pos), d = peek(1);
        if (c == '-' && d == '-') {
            // runs to the end of the line; PostgreSQL counts \r as a line end too
            while (pos < n && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') pos++;
            return Token.Type.COMMENT;
        }
        if (c == '/' && d == '*') {
            blockComment();
            return Token.Type.COMMENT;
        }
        if (c == '\'') return quoted('\'', false, "quoted string");
        if (c == '"') return quoted('"', false, "quoted identifier");
        if ((c == 'e' || c == 'E') && d == '\'') {
            pos++;
            return quoted('\'', true, "quoted string");
        }
        if ("bBxXnN".indexOf(c) >= 0 && d == '\'') { // bit, hex and national strings
            pos++;
            return quoted('\'', false, "quoted string");
        }
        if ((c == 'u' || c == 'U') && d == '&' && (peek(2) == '\'' || peek(2) == '"')) {
            pos += 2;
            return src.charAt(pos) == '"' ? quoted('"', false, "quoted identifier") : quoted('\'', false, "quoted string");
        }
        if (c == '$') return dollar();
        if (isDigit(c) || (c == '.' && isDigit(d))) {
            number();
            return Token.Type.NUMBER;
        }
        if (isIdentStart(c)) {
            // identifiers may contain $, which is why "a$$b" is one word and not a dollar quote
            while (pos < n && (isIdentStart(src.charAt(pos)) || isDigit(src.charAt(pos)) || src.charAt(pos) == '$')) pos++;
            return Token.Type.WORD;
        }
        if (c == ';') {
            pos++;
            return Token.Type.SEMICOLON;
        }
        if ("(),[].".indexOf(c) >= 0) {
            pos += c == '.' && d == '.' ? 2 : 1; // ".." is one token, so "1..2" is not "1" then ".2"
            return Token.Type.PUNCT;
        }
        if (c == ':') { // :: cast and := named argument
            pos += d == ':' || d == '=' ? 2 : 1;
            return Token.Type.OPERATOR;
        }
        if (OP_CHARS.indexOf(c) >= 0) {
            operator();
            return Token.Type.OPERATOR;
        }
        pos++; // anything else is a single character for the server to reject
        return Token.Type.OPERATOR;
    }

    /** Block comments nest in PostgreSQL, unlike the SQL standard and most other engines. */
    private void blockComment() {
        int depth = 0;
        while (pos < n) {
            if (src.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (src.startsWith("*/", pos)) {
                pos += 2;
                if (--depth == 0) return;
            } else {
                pos++;
            }
        }
        throw unterminated("/* comment");
    }

    /** A quoted string or identifier from its opening quote; a doubled quote stands for itself. */
    private Token.Type quoted(char q, boolean backslashEscapes, String what) {
        pos++;
        while (pos < n) {
            char c = src.charAt(pos++);
            if (backslashEscapes && c == '\\') {
                pos++;
            } else if (c == q) {
                if (pos < n && src.charAt(pos) == q) pos++;
                else return q == '"' ? Token.Type.QUOTED_IDENT : Token.Type.STRING;
            }
        }
        throw unterminated(what);
    }

    /** $1 is a parameter; $$ and $tag$ open a dollar quote closed by the same tag, case included. */
    private Token.Type dollar() {
        int i = pos + 1;
        if (i < n && isDigit(src.charAt(i))) {
            while (i < n && isDigit(src.charAt(i))) i++;
            pos = i;
            return Token.Type.PARAM;
        }
        if (i < n && isIdentStart(src.charAt(i))) {
            while (i < n && (isIdentStart(src.charAt(i)) || isDigit(src.charAt(i)))) i++;
        }
        if (i < n && src.charAt(i) == '$') {
            String tag = src.substring(pos, i + 1);
            int close = src.indexOf(tag, i + 1);
            if (close < 0) throw unterminated("dollar-quoted string " + tag);
            pos = close + tag.length();
            return Token.Type.DOLLAR_STRING;
        }
        pos++;
        return Token.Type.OPERATOR;
    }

    /** Decimal, with fraction and exponent, or PostgreSQL 16's 0x/0o/0b integers; _ separates digits. */
    private void number() {
        if (src.charAt(pos) == '0' && "xXoObB".indexOf(peek(1)) >= 0 && isHexDigit(peek(2))) {
            pos += 2;
            while (pos < n && (isHexDigit(src.charAt(pos)) || src.charAt(pos) == '_')) pos++;
            return;
        }
        digits();
        if (peek(0) == '.' && peek(1) != '.') { // 1..2 is two numbers around a ".."
            pos++;
            digits();
        }
        if ((peek(0) == 'e' || peek(0) == 'E')
                && (isDigit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && isDigit(peek(2))))) {
            pos += 2;
            digits();
        }
    }

    private void digits() {
        while (pos < n && (isDigit(src.charAt(pos)) || src.charAt(pos) == '_')) pos++;
    }

    /**
     * The longest run of operator characters, cut before an embedded comment start, and (as the server does)
     * without trailing + or - unless it holds a character SQL operators never use, so "=-1" is "=" then "-".
     */
    private void operator() {
        int end = pos + 1;
        while (end < n && OP_CHARS.indexOf(src.charAt(end)) >= 0
                && !src.startsWith("--", end) && !src.startsWith("/*", end)) end++;
        int len = end - pos;
        if (len > 1 && (src.charAt(end - 1) == '+' || src.charAt(end - 1) == '-')) {
            boolean exotic = false;
            for (int i = pos; i < end - 1; i++) exotic |= NON_SQL_OP_CHARS.indexOf(src.charAt(i)) >= 0;
            if (!exotic) {
                do len--;
                while (len > 1 && (src.charAt(pos + len - 1) == '+' || src.charAt(pos + len - 1) == '-'));
            }
        }
        pos += len;
    }

    private SqlSplitException unterminated(String what) {
        return new SqlSplitException(tokenLine, "unterminated " + what);
    }

    private void countLines(int from) {
        for (int i = from; i < pos; i++) if (src.charAt(i) == '\n') line++;
    }

    private char peek(int ahead) {
        return pos + ahead < n ? src.charAt(pos + ahead) : '\0';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Like the server, which reads every byte above 0x7F as a letter. */
    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }
}
