package dev.rehearse.dialect;

import dev.rehearse.model.Category;
import dev.rehearse.model.Report;
import dev.rehearse.model.Status;
import dev.rehearse.scenario.EngineSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One entry of the rule catalog, shared by {@code lint} (static, no database) and {@code run} (where measurement
 * confirms, refutes or sizes the rule's claim): its facts as data, how it recognises a statement, and its checks.
 *
 * @param facts what the rule is, for reports, SARIF and docs/patterns
 * @param matches recognises the statement from its significant words (keywords upper-cased); {@code run} names a
 *                statement by the first rule of the engine's catalog that matches. Never matches for rules whose
 *                condition is the migration set's state
 * @param matchesHolding names a statement that {@link #matches} does not, given the locks that block the application
 *                       its transaction already held before it (null: never)
 * @param claim what the statement does at an engine version (lock, rewrite, scan); null from the function when the
 *              statement is harmless at that version; a null function when the rule makes no lock claim
 * @param lint its static check over the lint context, null for rules only measurement finds
 * @param measured its measured check over a statement it names, beyond the lock hazard every named statement is
 *                 judged by (null: none)
 * @param onFailure its judgement of a statement that failed (null: none)
 */
public record Rule(Facts facts, Predicate<Words> matches, BiPredicate<Words, List<Report.Lock>> matchesHolding,
                   BiFunction<EngineSpec, Words, Claim> claim, LintCheck lint, MeasuredCheck measured,
                   MeasuredCheck onFailure) {

    /**
     * What a rule is, as data.
     *
     * @param id stable kebab-case id shared by lint and run
     * @param severity the status {@code lint} gives a finding of this rule (run decides by measurement)
     * @param title one line: what the statement does that hurts
     * @param advice the recommended action in one line, for the category table
     * @param explanation why it hurts, a few sentences (docs/patterns and SARIF help)
     * @param engines the engines the rule applies to
     * @param growsWithTable its cost is a scan or rewrite proportional to the table's rows
     * @param rewrite the safe rewrite for a statement, as a template over its words
     * @param measures what a rehearsal measures for this rule, for docs/patterns
     * @param oncePerFile lint reports it at most once per migration file
     * @param alsoIn categories its findings count in besides their own (SET NOT NULL validates a constraint and
     *               locks the table while it does)
     */
    public record Facts(String id, Category category, Status severity, String title, String advice, String explanation,
                        Set<EngineSpec.Kind> engines, boolean growsWithTable, Function<Words, String> rewrite,
                        String measures, boolean oncePerFile, Set<Category> alsoIn) {

        public Facts {
            engines = java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(engines)); // in the enum's order
            alsoIn = alsoIn.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(alsoIn));
        }

        /** Its bad and safe examples (and the baseline they run on): {@code <engine>-<version>/} below this. */
        public Path examples() {
            return Path.of("docs", "patterns", id);
        }
    }

    /** A statement rule: matched by its words, judged by lint through its claim and by run through measurement. */
    public static Rule of(String id, Category category, Status severity, Set<EngineSpec.Kind> engines, String title,
                          String advice, String explanation, Predicate<Words> matches, boolean grows,
                          Function<Words, String> rewrite, BiFunction<EngineSpec, Words, Claim> claim, String measures) {
        return new Rule(new Facts(id, category, severity, title, advice, explanation, engines, grows, rewrite, measures,
                false, Set.of()), matches, null, claim, LintCheck.MATCHING, null, null);
    }

    /** A rule only measurement or the linter's own bookkeeping finds: facts, no statement of its own. */
    public static Rule minted(String id, Category category, Status severity, Set<EngineSpec.Kind> engines, String title,
                              String advice, String explanation, String measures) {
        return new Rule(new Facts(id, category, severity, title, advice, explanation, engines, false, w -> advice,
                measures, false, Set.of()), w -> false, null, null, null, null, null);
    }

    public Rule withLint(LintCheck check) {
        return new Rule(facts, matches, matchesHolding, claim, check, measured, onFailure);
    }

    public Rule withMeasured(MeasuredCheck check) {
        return new Rule(facts, matches, matchesHolding, claim, lint, check, onFailure);
    }

    public Rule withOnFailure(MeasuredCheck check) {
        return new Rule(facts, matches, matchesHolding, claim, lint, measured, check);
    }

    public Rule withMatchesHolding(BiPredicate<Words, List<Report.Lock>> holding) {
        return new Rule(facts, matches, holding, claim, lint, measured, onFailure);
    }

    public Rule oncePerFile() {
        Facts f = facts;
        return new Rule(new Facts(f.id(), f.category(), f.severity(), f.title(), f.advice(), f.explanation(), f.engines(),
                f.growsWithTable(), f.rewrite(), f.measures(), true, f.alsoIn()), matches, matchesHolding, claim, lint,
                measured, onFailure);
    }

    /** Its findings count in {@code category} too. */
    public Rule alsoIn(Category category) {
        Facts f = facts;
        Set<Category> also = new java.util.HashSet<>(f.alsoIn());
        also.add(category);
        return new Rule(new Facts(f.id(), f.category(), f.severity(), f.title(), f.advice(), f.explanation(), f.engines(),
                f.growsWithTable(), f.rewrite(), f.measures(), f.oncePerFile(), also), matches, matchesHolding, claim,
                lint, measured, onFailure);
    }

    public String id() {
        return facts.id();
    }

    public Category category() {
        return facts.category();
    }

    public Status severity() {
        return facts.severity();
    }

    public String title() {
        return facts.title();
    }

    public String advice() {
        return facts.advice();
    }

    public String explanation() {
        return facts.explanation();
    }

    public Set<EngineSpec.Kind> engines() {
        return facts.engines();
    }

    public boolean growsWithTable() {
        return facts.growsWithTable();
    }

    public Function<Words, String> rewrite() {
        return facts.rewrite();
    }

    public String measures() {
        return facts.measures();
    }

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

    /**
     * A rule's rewrite that {@code run} can size with what the rehearsal measured (a chunk size from the rehearsed
     * copy's rate); lint, which has no measurement, reads the plain {@link Function} form.
     */
    public interface MeasuredRewrite extends Function<Words, String> {
        String apply(Words w, Evidence measured);
    }

    /**
     * The rule's rewrite of a statement as migrations or a checklist ({@link Rewrite}), the same its text is rendered
     * from; null when the rule's rewrite is prose only, or its plan cannot read this statement.
     */
    public Rewrite plan(Words w) {
        return facts.rewrite() instanceof Rewrite.Mechanical m ? m.plan(w) : null;
    }

    /** {@link #plan(Words)} for a rehearsal judged by {@code t}: the figures a rewrite derives from them follow them. */
    public Rewrite plan(Words w, dev.rehearse.scenario.Scenario.Thresholds t) {
        return facts.rewrite() instanceof Rewrite.Mechanical m ? m.plan(w, t) : null;
    }

    /** Whether the rule covers this engine. */
    public boolean covers(EngineSpec.Kind kind) {
        return facts.engines().contains(kind);
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
                    if (!List.of("FULL", "VERBOSE", "ANALYZE", "FREEZE", "(", ")", ",", "FALSE", "TRUE", "ON", "OFF", "0", "1")
                            .contains(x)) {
                        return ident(x) + (i + 2 < words.size() && words.get(i + 1).equals(".") ? "." + ident(words.get(i + 2)) : "");
                    }
                }
                return "?";
            }
            if (startsWith("ALTER", "TYPE")) return nameAfter("TYPE");
            if (startsWith("CREATE", "MATERIALIZED", "VIEW")) return nameAfter("VIEW");
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
