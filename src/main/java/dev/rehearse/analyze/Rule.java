package dev.rehearse.analyze;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One entry of the rule catalog: what a statement is, why it hurts, and its safe rewrite. Rules are data;
 * the rehearsal decides whether and how badly a rule's statement hurt by measurement.
 *
 * @param id stable kebab-case id shared by lint and run
 * @param advice the recommended action in one line, for the category table
 * @param matches recognises the statement from its significant words (keywords upper-cased)
 * @param growsWithTable its cost is a scan or rewrite proportional to the table's rows
 * @param rewrite the safe rewrite for this statement
 */
public record Rule(String id, Category category, String title, String advice, Predicate<Words> matches, boolean growsWithTable,
                   Function<Words, String> rewrite) {

    /** A statement's significant tokens with the SQL they came from, and a few questions rules ask. */
    public record Words(String sql, List<String> words) {

        public boolean startsWith(String... seq) {
            return indexOf(0, seq) == 0;
        }

        public boolean has(String... seq) {
            return indexOf(0, seq) >= 0;
        }

        public int indexOf(int from, String... seq) {
            outer:
            for (int i = from; i + seq.length <= words.size(); i++) {
                for (int j = 0; j < seq.length; j++) {
                    if (!words.get(i + j).equals(seq[j])) continue outer;
                }
                return i;
            }
            return -1;
        }

        /** The name after {@code keyword}, skipping ONLY / IF [NOT] EXISTS, schema-qualified when written so. */
        public String nameAfter(String keyword) {
            int i = words.indexOf(keyword);
            if (i < 0) return "?";
            i++;
            while (i < words.size() && List.of("ONLY", "IF", "NOT", "EXISTS", "COLUMN", "CONCURRENTLY").contains(words.get(i))) i++;
            if (i >= words.size()) return "?";
            String name = ident(words.get(i));
            if (i + 2 < words.size() && words.get(i + 1).equals(".")) name += "." + ident(words.get(i + 2));
            return name;
        }

        /** The table an ALTER TABLE / CREATE INDEX ... ON / DROP TABLE names. */
        public String table() {
            if (has("ON") && (startsWith("CREATE", "INDEX") || startsWith("CREATE", "UNIQUE", "INDEX"))) return nameAfter("ON");
            return nameAfter("TABLE");
        }

        /** The column after ALTER [COLUMN] in an ALTER TABLE. */
        public String alteredColumn() {
            int i = indexOf(1, "ALTER");
            if (i < 0) return "?";
            int j = i + 1;
            if (j < words.size() && words.get(j).equals("COLUMN")) j++;
            return j < words.size() ? ident(words.get(j)) : "?";
        }

        private static String ident(String w) {
            return w.chars().allMatch(ch -> Character.isUpperCase(ch) || Character.isDigit(ch) || ch == '_')
                    ? w.toLowerCase(java.util.Locale.ROOT) : w;
        }
    }
}
