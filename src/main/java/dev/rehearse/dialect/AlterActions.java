package dev.rehearse.dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The actions of one {@code ALTER TABLE}, each as a statement of its own ({@code ALTER TABLE t ADD COLUMN a int,
 * DROP COLUMN b} is two), so that every action is judged on its own. Clauses that govern the whole statement
 * (MySQL's {@code ALGORITHM=} and {@code LOCK=}) go with every action.
 */
public final class AlterActions {

    private AlterActions() {}

    /**
     * A significant token of a statement (no comments), as the engine's lexer found it.
     *
     * @param open an opening parenthesis; {@code close} a closing one; {@code comma} a comma
     */
    public record Token(String text, boolean open, boolean close, boolean comma, int start, int end) {}

    private static final Set<String> NAME_PREFIX = Set.of("IF", "EXISTS", "ONLY");

    /**
     * @param statementClauses the first words of actions that are options of the whole statement
     * @return the statement's actions as statements, or the statement alone when it has one action or is no ALTER TABLE
     */
    public static List<String> split(String sql, List<Token> tokens, Set<String> statementClauses) {
        if (tokens.size() < 4 || !upper(tokens.get(0)).equals("ALTER") || !upper(tokens.get(1)).equals("TABLE")) {
            return List.of(sql);
        }
        int i = 2;
        while (i < tokens.size() && NAME_PREFIX.contains(upper(tokens.get(i)))) i++;
        int nameStart = i;
        i++; // the name
        while (i + 1 < tokens.size() && tokens.get(i).text().equals(".")) i += 2; // schema.table
        if (i < tokens.size() && tokens.get(i).text().equals("*")) i++;
        if (i >= tokens.size()) return List.of(sql);
        String head = "ALTER TABLE " + sql.substring(tokens.get(nameStart).start(), tokens.get(i - 1).end());
        List<int[]> segments = new ArrayList<>();
        int depth = 0, from = i;
        for (int k = i; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (t.open()) depth++;
            else if (t.close()) depth--;
            else if (t.comma() && depth == 0) {
                segments.add(new int[]{from, k});
                from = k + 1;
            }
        }
        segments.add(new int[]{from, tokens.size()});
        if (segments.size() == 1) return List.of(sql);
        List<String> actions = new ArrayList<>(), clauses = new ArrayList<>();
        for (int[] s : segments) {
            if (s[0] >= s[1]) continue;
            String text = sql.substring(tokens.get(s[0]).start(), tokens.get(s[1] - 1).end());
            (statementClauses.contains(upper(tokens.get(s[0]))) ? clauses : actions).add(text);
        }
        if (actions.size() <= 1 && clauses.isEmpty()) return List.of(sql);
        List<String> out = new ArrayList<>();
        for (String a : actions) out.add(head + " " + a + (clauses.isEmpty() ? "" : ", " + String.join(", ", clauses)));
        return out.isEmpty() ? List.of(sql) : out;
    }

    private static String upper(Token t) {
        return t.text().toUpperCase(Locale.ROOT);
    }
}
