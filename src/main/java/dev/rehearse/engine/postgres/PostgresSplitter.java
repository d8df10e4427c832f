package dev.rehearse.engine.postgres;

import dev.rehearse.engine.postgres.PostgresLexer.Token;
import dev.rehearse.migrate.SqlSplitter;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.SqlStatement.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a script on top-level semicolons the way psql does: not inside strings, comments, dollar quotes,
 * parentheses (CREATE RULE ... DO (a; b)) or a BEGIN ATOMIC ... END function body. Each statement is then
 * classified by whether PostgreSQL lets it run inside a transaction block.
 */
public final class PostgresSplitter implements SqlSplitter {

    private static final Set<String> FALSE = Set.of("FALSE", "OFF", "NO", "0", "'FALSE'", "'OFF'", "'NO'", "'0'");

    private final int majorVersion;

    public PostgresSplitter(int majorVersion) {
        this.majorVersion = majorVersion;
    }

    @Override
    public List<SqlStatement> split(String text) {
        List<SqlStatement> out = new ArrayList<>();
        List<Token> stmt = new ArrayList<>(); // significant tokens of the statement being read
        List<String> comments = new ArrayList<>(); // before the statement's first token: they belong to it
        int parens = 0, atomic = 0;
        for (Token t : PostgresLexer.tokenize(text)) {
            if (t.type() == Token.Type.COMMENT) {
                if (stmt.isEmpty()) comments.add(t.text());
                continue;
            }
            if (t.type() == Token.Type.SEMICOLON && parens == 0 && atomic == 0) {
                emit(text, stmt, comments, out);
                stmt.clear();
                comments = new ArrayList<>();
                continue;
            }
            if (t.is(Token.Type.PUNCT, "(")) parens++;
            else if (t.is(Token.Type.PUNCT, ")") && parens > 0) parens--;
            else if (t.type() == Token.Type.WORD && isRoutine(stmt)) {
                // psql's heuristic: inside a SQL-standard body, CASE ... END nests like BEGIN ATOMIC ... END
                if (t.is(Token.Type.WORD, "ATOMIC") && stmt.get(stmt.size() - 1).is(Token.Type.WORD, "BEGIN")) atomic++;
                else if (t.is(Token.Type.WORD, "CASE") && atomic > 0) atomic++;
                else if (t.is(Token.Type.WORD, "END") && atomic > 0) atomic--;
            }
            stmt.add(t);
        }
        emit(text, stmt, comments, out);
        return out;
    }

    private void emit(String text, List<Token> stmt, List<String> comments, List<SqlStatement> out) {
        if (stmt.isEmpty()) return;
        Token first = stmt.get(0), last = stmt.get(stmt.size() - 1);
        // from the first to the last significant token: comments between statements belong to neither, and
        // a trailing -- comment would swallow anything a caller appends to the statement
        out.add(new SqlStatement(text.substring(first.start(), last.end()), first.line(), kind(keys(stmt)), comments));
    }

    /** CREATE [OR REPLACE] FUNCTION | PROCEDURE, the only statements that can hold BEGIN ATOMIC. */
    private static boolean isRoutine(List<Token> stmt) {
        List<String> k = keys(stmt.subList(0, Math.min(4, stmt.size())));
        int i = k.size() >= 3 && k.get(1).equals("OR") && k.get(2).equals("REPLACE") ? 3 : 1;
        return k.size() > i && k.get(0).equals("CREATE") && (k.get(i).equals("FUNCTION") || k.get(i).equals("PROCEDURE"));
    }

    /** Words upper-cased, everything else as written, so that a quoted "CONCURRENTLY" is not the keyword. */
    private static List<String> keys(List<Token> tokens) {
        List<String> keys = new ArrayList<>(tokens.size());
        for (Token t : tokens) keys.add(t.type() == Token.Type.WORD ? t.text().toUpperCase(Locale.ROOT) : t.text());
        return keys;
    }

    private Kind kind(List<String> w) {
        String a = at(w, 0), b = at(w, 1);
        return switch (a) {
            case "BEGIN" -> b.equals("ATOMIC") ? Kind.TRANSACTIONAL : Kind.TRANSACTION_CONTROL;
            case "START" -> b.equals("TRANSACTION") ? Kind.TRANSACTION_CONTROL : Kind.TRANSACTIONAL;
            case "END", "ABORT" -> Kind.TRANSACTION_CONTROL;
            case "COMMIT", "ROLLBACK" -> {
                if (b.equals("PREPARED")) yield Kind.NON_TRANSACTIONAL;
                int i = b.equals("WORK") || b.equals("TRANSACTION") ? 2 : 1;
                yield at(w, i).equals("TO") ? Kind.TRANSACTIONAL : Kind.TRANSACTION_CONTROL; // ROLLBACK TO SAVEPOINT
            }
            // PREPARE TRANSACTION 'id' ends the transaction like COMMIT; PREPARE name AS ... is a prepared statement
            case "PREPARE" -> b.equals("TRANSACTION") && at(w, 2).startsWith("'")
                    ? Kind.TRANSACTION_CONTROL : Kind.TRANSACTIONAL;
            case "VACUUM" -> Kind.NON_TRANSACTIONAL;
            // a DO block that commits (11+) is refused inside a transaction block (SQLSTATE 2D000)
            case "DO" -> nonTransactionalIf(w.stream().skip(1).anyMatch(x -> COMMITS.matcher(x).find()));
            case "DISCARD" -> nonTransactionalIf(b.equals("ALL"));
            case "CREATE" -> nonTransactionalIf(seq(w, 1, "INDEX", "CONCURRENTLY") || seq(w, 1, "UNIQUE", "INDEX", "CONCURRENTLY")
                    || Set.of("DATABASE", "TABLESPACE", "SUBSCRIPTION").contains(b));
            case "DROP" -> nonTransactionalIf(seq(w, 1, "INDEX", "CONCURRENTLY")
                    || Set.of("DATABASE", "TABLESPACE", "SUBSCRIPTION").contains(b));
            case "ALTER" -> nonTransactionalIf(switch (b) {
                case "SYSTEM" -> true;
                case "DATABASE" -> indexOf(w, 2, "SET", "TABLESPACE") >= 0;
                case "TABLE" -> indexOf(w, 2, "DETACH", "PARTITION") >= 0 && w.contains("CONCURRENTLY");
                case "TYPE" -> majorVersion < 12 && indexOf(w, 2, "ADD", "VALUE") >= 0;
                case "SUBSCRIPTION" -> subscriptionRefreshes(w);
                default -> false;
            });
            case "REINDEX" -> nonTransactionalIf(reindexOutsideTransaction(w));
            case "CLUSTER" -> { // without a table it reclusters every table, one transaction each
                int i = afterOptions(w, 1);
                if (at(w, i).equals("VERBOSE")) i++;
                yield nonTransactionalIf(i >= w.size());
            }
            default -> Kind.TRANSACTIONAL;
        };
    }

    /** REFRESH PUBLICATION, and SET / ADD / DROP PUBLICATION unless WITH (refresh = false). */
    private static boolean subscriptionRefreshes(List<String> w) {
        if (indexOf(w, 2, "REFRESH", "PUBLICATION") >= 0) return true;
        boolean changesPublications = indexOf(w, 2, "SET", "PUBLICATION") >= 0
                || indexOf(w, 2, "ADD", "PUBLICATION") >= 0 || indexOf(w, 2, "DROP", "PUBLICATION") >= 0;
        int refresh = indexOf(w, 2, "REFRESH", "=");
        return changesPublications && !(refresh >= 0 && FALSE.contains(at(w, refresh + 2).toUpperCase(Locale.ROOT)));
    }

    /** REINDEX [(options)] {INDEX|TABLE|SCHEMA|DATABASE|SYSTEM} [CONCURRENTLY] name. */
    private static boolean reindexOutsideTransaction(List<String> w) {
        int i = afterOptions(w, 1);
        for (int j = 2; j < i; j++) { // PostgreSQL 14+: REINDEX (CONCURRENTLY [boolean]) ...
            if (w.get(j).equals("CONCURRENTLY") && !FALSE.contains(at(w, j + 1).toUpperCase(Locale.ROOT))) return true;
        }
        // SCHEMA, DATABASE and SYSTEM commit after each table, so the server refuses them in a block
        return Set.of("SCHEMA", "DATABASE", "SYSTEM").contains(at(w, i)) || at(w, i + 1).equals("CONCURRENTLY");
    }

    /** The index just past a parenthesised option list at {@code i}, or {@code i} when there is none. */
    private static int afterOptions(List<String> w, int i) {
        if (!at(w, i).equals("(")) return i;
        int close = w.indexOf(")");
        return close < 0 ? w.size() : close + 1;
    }

    private static final java.util.regex.Pattern COMMITS = java.util.regex.Pattern.compile(
            "(?is)^\\$[^$]*\\$.*\\b(COMMIT|ROLLBACK)\\s*;");

    private static Kind nonTransactionalIf(boolean refused) {
        return refused ? Kind.NON_TRANSACTIONAL : Kind.TRANSACTIONAL;
    }

    private static boolean seq(List<String> w, int from, String... s) {
        for (int j = 0; j < s.length; j++) if (!at(w, from + j).equals(s[j])) return false;
        return true;
    }

    private static int indexOf(List<String> w, int from, String... s) {
        for (int i = from; i + s.length <= w.size(); i++) if (seq(w, i, s)) return i;
        return -1;
    }

    private static String at(List<String> w, int i) {
        return i < w.size() ? w.get(i) : "";
    }
}
