package dev.rehearse.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * A statement with {@code :name} placeholders turned into JDBC's {@code ?}, and the names in order. Text inside
 * quoted strings ({@code '...'}, {@code E'...'}, {@code $tag$...$tag$}), quoted identifiers and comments is left as
 * it is, and so is a cast ({@code ::int}).
 *
 * @param jdbc the statement with one {@code ?} per placeholder
 * @param names each {@code ?}'s name, in order (a name used twice appears twice)
 */
public record NamedSql(String jdbc, List<String> names) {

    public NamedSql {
        names = List.copyOf(names);
    }

    public static NamedSql parse(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        List<String> names = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int end;
            if (c == '\'') {
                boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i < 2 || !Character.isLetterOrDigit(sql.charAt(i - 2)) && sql.charAt(i - 2) != '_');
                end = quoted(sql, i, '\'', escapes);
            } else if (c == '"') {
                end = quoted(sql, i, '"', false);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                end = nl < 0 ? n : nl;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                end = close < 0 ? n : close + 2;
            } else if (c == '$' && (end = dollarQuoted(sql, i)) > i) {
                // end set by dollarQuoted
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                end = i + 2;
            } else if (c == ':' && i + 1 < n && identifierStart(sql.charAt(i + 1))
                    && (i == 0 || sql.charAt(i - 1) != ':')) {
                int j = i + 1;
                while (j < n && identifierPart(sql.charAt(j))) j++;
                names.add(sql.substring(i + 1, j));
                out.append('?');
                i = j;
                continue;
            } else {
                end = i + 1;
            }
            out.append(sql, i, end);
            i = end;
        }
        return new NamedSql(out.toString(), names);
    }

    /** The index after the closing quote; a doubled quote is part of the text, and so is an escaped one in E''. */
    private static int quoted(String sql, int start, char q, boolean backslashEscapes) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == q) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == q) i += 2;
                else return i + 1;
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** The index after a {@code $tag$...$tag$} string starting at {@code start}, or {@code start} when it is none. */
    private static int dollarQuoted(String sql, int start) {
        if (start > 0 && identifierPart(sql.charAt(start - 1))) return start; // $ inside an identifier
        int j = start + 1;
        while (j < sql.length() && sql.charAt(j) != '$') {
            if (!identifierPart(sql.charAt(j)) || (j == start + 1 && Character.isDigit(sql.charAt(j)))) return start;
            j++;
        }
        if (j >= sql.length()) return start;
        String tag = sql.substring(start, j + 1);
        int close = sql.indexOf(tag, j + 1);
        return close < 0 ? sql.length() : close + tag.length();
    }

    private static boolean identifierStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean identifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
