package dev.rehearse.engine.mysql;

import dev.rehearse.migrate.SqlSplitException;
import dev.rehearse.migrate.SqlSplitter;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.SqlStatement.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits MySQL / MariaDB scripts the way the {@code mysql} client does: on the current delimiter ({@code ;}
 * unless a {@code DELIMITER} line changed it), not inside '...' / "..." strings (backslash escapes), `backtick`
 * identifiers, {@code -- }, {@code #} or {@code /* *}{@code /} comments. Executable comments
 * ({@code /*!80000 ... *}{@code /}) are code: their content is read as if the markers were not there.
 * Every DDL statement commits implicitly on these engines, so DDL is {@link Kind#NON_TRANSACTIONAL}.
 */
public final class MySqlSplitter implements SqlSplitter {

    /** One token; {@code text} is the source text (quotes included). */
    public record Token(Type type, String text, int line, int start, int end) {
        public enum Type { WORD, QUOTED_IDENT, STRING, NUMBER, PUNCT, COMMENT, DELIMITER }
    }

    /** Statements the server runs outside any transaction, committing the open one first. */
    static final Set<String> IMPLICIT_COMMIT = Set.of("CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE", "OPTIMIZE",
            "ANALYZE", "REPAIR", "GRANT", "REVOKE", "LOCK", "UNLOCK", "INSTALL", "UNINSTALL");

    @Override
    public List<SqlStatement> split(String text) {
        List<SqlStatement> out = new ArrayList<>();
        List<Token> stmt = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        for (Token t : tokenize(text)) {
            if (t.type() == Token.Type.COMMENT) {
                if (stmt.isEmpty()) comments.add(t.text());
                continue;
            }
            if (t.type() == Token.Type.DELIMITER) {
                emit(text, stmt, comments, out);
                stmt.clear();
                comments = new ArrayList<>();
                continue;
            }
            stmt.add(t);
        }
        emit(text, stmt, comments, out);
        return out;
    }

    private static void emit(String text, List<Token> stmt, List<String> comments, List<SqlStatement> out) {
        if (stmt.isEmpty()) return;
        Token first = stmt.get(0), last = stmt.get(stmt.size() - 1);
        String sql = text.substring(first.start(), last.end()).replace("/*!", "").replaceAll("\\*/$", "");
        out.add(new SqlStatement(sql, first.line(), kind(words(stmt)), comments));
    }

    private static Kind kind(List<String> w) {
        String a = w.isEmpty() ? "" : w.get(0), b = w.size() > 1 ? w.get(1) : "";
        if (a.equals("BEGIN") || a.equals("COMMIT") || a.equals("ROLLBACK") && !b.equals("TO")
                || a.equals("START") && b.equals("TRANSACTION")) return Kind.TRANSACTION_CONTROL;
        return IMPLICIT_COMMIT.contains(a) ? Kind.NON_TRANSACTIONAL : Kind.TRANSACTIONAL;
    }

    /** Significant tokens of a statement for the rule catalog: words upper-cased, identifiers unquoted. */
    public static List<String> words(String sql) {
        List<Token> tokens = new ArrayList<>();
        for (Token t : tokenize(sql)) if (t.type() != Token.Type.COMMENT && t.type() != Token.Type.DELIMITER) tokens.add(t);
        return words(tokens);
    }

    private static List<String> words(List<Token> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            out.add(switch (t.type()) {
                case WORD -> t.text().toUpperCase(Locale.ROOT);
                case QUOTED_IDENT -> t.text().substring(1, t.text().length() - 1).replace("``", "`");
                default -> t.text();
            });
        }
        return out;
    }

    /** @throws SqlSplitException at the line where an unterminated string, identifier or comment starts */
    public static List<Token> tokenize(String src) {
        List<Token> out = new ArrayList<>();
        String delimiter = ";";
        int n = src.length(), pos = 0, line = 1;
        boolean inExecutable = false;
        boolean lineStart = true; // only whitespace since the last newline, and no statement under way
        boolean statementOpen = false;
        while (pos < n) {
            char c = src.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
                lineStart = true;
                continue;
            }
            if (Character.isWhitespace(c)) {
                pos++;
                continue;
            }
            int start = pos, startLine = line;
            // DELIMITER is a client command: a line of its own, between statements
            if (lineStart && !statementOpen && src.regionMatches(true, pos, "DELIMITER", 0, 9)
                    && pos + 9 < n && (src.charAt(pos + 9) == ' ' || src.charAt(pos + 9) == '\t')) {
                int eol = src.indexOf('\n', pos);
                if (eol < 0) eol = n;
                String d = src.substring(pos + 9, eol).strip();
                if (!d.isEmpty()) delimiter = d;
                pos = eol;
                continue;
            }
            lineStart = false;
            if (src.startsWith(delimiter, pos)) {
                out.add(new Token(Token.Type.DELIMITER, delimiter, line, pos, pos + delimiter.length()));
                pos += delimiter.length();
                statementOpen = false;
                continue;
            }
            if (inExecutable && src.startsWith("*/", pos)) {
                inExecutable = false;
                pos += 2;
                continue;
            }
            if (c == '#' || (c == '-' && src.startsWith("--", pos) && (pos + 2 >= n || Character.isWhitespace(src.charAt(pos + 2))))) {
                int eol = src.indexOf('\n', pos);
                if (eol < 0) eol = n;
                out.add(new Token(Token.Type.COMMENT, src.substring(pos, eol), line, pos, eol));
                pos = eol;
                continue;
            }
            if (src.startsWith("/*!", pos) || src.startsWith("/*M!", pos)) {
                pos += src.charAt(pos + 2) == 'M' ? 4 : 3;
                while (pos < n && Character.isDigit(src.charAt(pos))) pos++;
                inExecutable = true;
                continue;
            }
            if (src.startsWith("/*", pos)) {
                int close = src.indexOf("*/", pos + 2);
                if (close < 0) throw new SqlSplitException(startLine, "unterminated /* comment");
                line += count(src, pos, close);
                pos = close + 2;
                out.add(new Token(Token.Type.COMMENT, src.substring(start, pos), startLine, start, pos));
                continue;
            }
            statementOpen = true;
            if (c == '\'' || c == '"' || c == '`') {
                pos++;
                while (true) {
                    if (pos >= n) {
                        throw new SqlSplitException(startLine, "unterminated " + (c == '`' ? "quoted identifier" : "string"));
                    }
                    char d = src.charAt(pos);
                    if (d == '\n') line++;
                    if (d == '\\' && c != '`') {
                        if (pos + 1 < n && src.charAt(pos + 1) == '\n') line++;
                        pos += 2;
                        continue;
                    }
                    if (d == c) {
                        if (pos + 1 < n && src.charAt(pos + 1) == c) {
                            pos += 2;
                            continue;
                        }
                        pos++;
                        break;
                    }
                    pos++;
                }
                out.add(new Token(c == '`' ? Token.Type.QUOTED_IDENT : Token.Type.STRING, src.substring(start, pos),
                        startLine, start, pos));
                continue;
            }
            if (Character.isLetter(c) || c == '_' || c == '$' || c == '@') {
                while (pos < n && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_'
                        || src.charAt(pos) == '$' || src.charAt(pos) == '@')) pos++;
                out.add(new Token(Token.Type.WORD, src.substring(start, pos), startLine, start, pos));
                continue;
            }
            if (Character.isDigit(c)) {
                while (pos < n && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '.')) pos++;
                out.add(new Token(Token.Type.NUMBER, src.substring(start, pos), startLine, start, pos));
                continue;
            }
            pos++;
            out.add(new Token(Token.Type.PUNCT, String.valueOf(c), startLine, start, pos));
        }
        return out;
    }

    private static int count(String s, int from, int to) {
        int k = 0;
        for (int i = from; i < to; i++) if (s.charAt(i) == '\n') k++;
        return k;
    }
}
