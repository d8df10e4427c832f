package dev.rehearse.dialect;

import dev.rehearse.model.Status;
import dev.rehearse.model.Category;
import dev.rehearse.scenario.EngineSpec;

import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One entry of the rule catalog: what a statement is, why it hurts, what it costs on which engine version,
 * and its safe rewrite. Rules are data, shared by {@code lint} (static, no database) and {@code run} (where
 * measurement confirms, refutes or sizes the rule's claim).
 *
 * @param id stable kebab-case id shared by lint and run
 * @param severity the status {@code lint} gives a finding of this rule (run decides by measurement)
 * @param title one line: what the statement does that hurts
 * @param advice the recommended action in one line, for the category table
 * @param explanation why it hurts, a few sentences (docs/patterns and SARIF help)
 * @param engines the engines the rule applies to
 * @param matches recognises the statement from its significant words (keywords upper-cased)
 * @param growsWithTable its cost is a scan or rewrite proportional to the table's rows
 * @param rewrite the safe rewrite for this statement
 * @param claim what the statement does at an engine version (lock, rewrite, scan); null from the function
 *              when the statement is harmless at that version; a null function when the rule makes no
 *              lock claim (data loss, silent breaks, process rules)
 * @param measures what a rehearsal measures for this rule, for docs/patterns
 */
public record Rule(String id, Category category, Status severity, String title, String advice, String explanation,
                   Set<EngineSpec.Kind> engines, Predicate<Words> matches, boolean growsWithTable,
                   Function<Words, String> rewrite, BiFunction<EngineSpec, Words, Claim> claim, String measures) {

    /**
     * What a statement does to its target table at one engine version.
     *
     * @param lock the engine's lock mode name, or on engines that name an online-DDL algorithm instead, the
     *             algorithm
     * @param blocks what the application cannot do meanwhile
     * @param rewrite the table's storage is rewritten
     * @param scan the table is read in full while the lock is held
     * @param fails the statement fails on a populated table
     */
    public record Claim(String lock, LockMode.Blocks blocks, boolean rewrite, boolean scan, boolean fails) {

        public String describe() {
            if (fails) return "fails on a populated table";
            return lock + " (blocks " + blocks.id().replace('_', '/') + ")" + (rewrite ? ", rewrites the table" : "")
                    + (scan ? ", scans the table" : "");
        }
    }

    /** Whether the rule covers this engine. */
    public boolean covers(EngineSpec.Kind kind) {
        return engines.contains(kind);
    }

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
            if (startsWith("CLUSTER") || startsWith("VACUUM")) {
                for (int i = 1; i < words.size(); i++) {
                    String x = words.get(i);
                    if (!List.of("FULL", "VERBOSE", "ANALYZE", "FREEZE", "(", ")").contains(x)) {
                        return ident(x) + (i + 2 < words.size() && words.get(i + 1).equals(".") ? "." + ident(words.get(i + 2)) : "");
                    }
                }
                return "?";
            }
            if (startsWith("ALTER", "TYPE")) return nameAfter("TYPE");
            if (startsWith("TRUNCATE")) return has("TABLE") ? nameAfter("TABLE") : nameAfter("TRUNCATE");
            if (startsWith("REINDEX") && has("INDEX")) return "?";
            if (startsWith("UPDATE")) return nameAfter("UPDATE");
            if (startsWith("DELETE")) return nameAfter("FROM");
            if (startsWith("RENAME", "TABLE")) return nameAfter("TABLE");
            if (startsWith("OPTIMIZE", "TABLE")) return nameAfter("TABLE");
            if (has("ON") && (startsWith("CREATE", "INDEX") || startsWith("CREATE", "UNIQUE", "INDEX"))) return nameAfter("ON");
            return nameAfter("TABLE");
        }

        public boolean hasAny(String... words) {
            for (String w : words) if (this.words.contains(w)) return true;
            return false;
        }

        public String at(int i) {
            return i >= 0 && i < words.size() ? words.get(i) : "";
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
