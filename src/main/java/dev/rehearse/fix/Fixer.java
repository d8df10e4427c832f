package dev.rehearse.fix;

import dev.rehearse.analyze.Linter;
import dev.rehearse.analyze.Rules;
import dev.rehearse.dialect.CommonRules;
import dev.rehearse.dialect.Dialect;
import dev.rehearse.dialect.Rewrite;
import dev.rehearse.dialect.Rule;
import dev.rehearse.dialect.Rule.Words;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.model.Report.Finding;
import dev.rehearse.model.Status;
import dev.rehearse.scenario.Scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code fix}: lint's findings on the pending migrations, each FLAG or BLOCK whose rule has a mechanical rewrite
 * ({@link Rule#plan}) turned into the migrations that ship instead. A migration's statements are walked in order; a
 * flagged statement is replaced by its rewrite's steps, the first joining the migration it was in when it can (same
 * transaction mode), each later one starting a migration of its own, as does every step that must run outside a
 * transaction block; the statements after it follow in the last step's migration. The original file keeps its text
 * (comments, layout) around what changed. A finding whose rule has only a plan for people (DROP COLUMN, RENAME) is a
 * checklist; one without either is listed as not fixed.
 */
public final class Fixer {

    /**
     * One migration as it ships after the fix: its pieces of text, in order, and what it needs from its tool.
     *
     * @param outsideTransaction it must run outside a transaction block
     * @param down the statements that undo it, last first; empty when none could be derived
     * @param statements the SQL of its statements, in order (what the writer renders for formats that are not SQL files)
     * @param name a short description for its file name (null: the original's)
     * @param step what it is, for a new file's header ({@code set-not-null, step 2 of 3, from V1__x.sql:3})
     */
    public record Segment(StringBuilder text, List<String> statements, boolean outsideTransaction, List<String> down,
                          String name, String step) {
        boolean empty() {
            return statements.isEmpty();
        }
    }

    /** One pending migration the fix changes: the original, then the migrations that replace it, the first in its place. */
    public record FileFix(Migration original, String originalText, List<Segment> segments, List<String> rules) {}

    /** A finding without a mechanical rewrite: the expand/contract plan a person carries out. */
    public record Checklist(String file, Integer line, String rule, List<String> items) {}

    /** A FLAG or BLOCK fix leaves as it was, and why. */
    public record NotFixed(String file, Integer line, String rule, String why) {}

    public record Result(List<FileFix> files, List<Checklist> checklists, List<NotFixed> notFixed, Linter.Result lint) {
        public boolean changes() {
            return !files.isEmpty();
        }
    }

    private final Linter.Options options;
    private final Dialect dialect;
    private final Scenario.Thresholds thresholds;

    public Fixer(Linter.Options options, Dialect dialect) {
        this(options, dialect, Scenario.Thresholds.DEFAULT);
    }

    /** @param thresholds what the fixed set will be judged by: a rewrite's bounds follow them (lock_timeout) */
    public Fixer(Linter.Options options, Dialect dialect, Scenario.Thresholds thresholds) {
        this.options = options;
        this.dialect = dialect;
        this.thresholds = thresholds;
    }

    public Result fix(List<Migration> migrations) {
        Linter.Result lint = new Linter(options, dialect).lint(migrations);
        // the linter numbers the statements of the pending files in order: the same walk finds each finding's statement
        Map<Integer, List<Finding>> byStatement = new HashMap<>();
        for (Finding f : lint.counted()) {
            if (f.statementIndex() != null && f.status() != Status.PASS) {
                byStatement.computeIfAbsent(f.statementIndex(), k -> new ArrayList<>()).add(f);
            }
        }
        List<FileFix> files = new ArrayList<>();
        List<Checklist> checklists = new ArrayList<>();
        List<NotFixed> notFixed = new ArrayList<>();
        int index = 0;
        for (Migration m : migrations) {
            if (options.pending() != null && !options.pending().test(m)) continue;
            Map<SqlStatement, List<Finding>> found = new LinkedHashMap<>();
            for (SqlStatement s : m.statements()) {
                index++;
                List<Finding> fs = byStatement.get(index);
                if (fs != null) found.put(s, fs);
            }
            if (found.isEmpty()) continue;
            FileFix fix = fixFile(m, found, checklists, notFixed);
            if (fix != null) files.add(fix);
        }
        for (Finding f : lint.counted()) {
            if (f.statementIndex() == null && f.status() != Status.PASS) {
                notFixed.add(new NotFixed(f.file(), f.line(), f.rule(), "a finding about the file as a whole: " + f.message()));
            }
        }
        return new Result(files, checklists, notFixed, lint);
    }

    private FileFix fixFile(Migration m, Map<SqlStatement, List<Finding>> found, List<Checklist> checklists,
                            List<NotFixed> notFixed) {
        String text = read(m);
        // what replaces each statement: null keeps it; the statement's actions each rewritten or kept
        Map<SqlStatement, List<Rewrite.Step>> replaced = new LinkedHashMap<>();
        List<Rewrite.Statement> lockTimeout = null;
        List<String> rules = new ArrayList<>();
        for (var e : found.entrySet()) {
            SqlStatement s = e.getKey();
            Words words = new Words(s.sql(), dialect.words(s.sql()));
            List<Words> actions = dialect.actionWords(words);
            List<Rewrite.Step> steps = new ArrayList<>();
            boolean changed = false;
            for (Words aw : actions) {
                Rewrite plan = null;
                String planRule = null;
                for (Finding f : e.getValue()) {
                    Rule r = rule(f.rule()); // the engine's form of the rule (MySQL's lock_wait_timeout)
                    if (r == null) continue;
                    if (r.id().equals(CommonRules.MISSING_LOCK_TIMEOUT.id())) {
                        Rewrite p = r.plan(aw, thresholds);
                        if (p != null && p.mechanical() && lockTimeout == null) {
                            List<Rewrite.Statement> up = p.steps().get(0).up();
                            lockTimeout = up.subList(0, up.size() - 1); // the settings before the statement
                            if (!rules.contains(r.id())) rules.add(r.id());
                        }
                        continue;
                    }
                    // a rule that names a statement by its words rewrites the action it names
                    boolean names = r.matches().test(aw) || actions.size() == 1;
                    if (!names) continue;
                    Rewrite p = r.plan(aw, thresholds);
                    if (p == null) {
                        if (actions.size() == 1 || r.matches().test(aw)) {
                            notFixed.add(new NotFixed(m.name(), s.line(), r.id(), "no mechanical rewrite: " + r.advice()));
                        }
                        continue;
                    }
                    if (!p.mechanical()) {
                        checklists.add(new Checklist(m.name(), s.line(), r.id(), p.checklist()));
                        continue;
                    }
                    if (plan == null) {
                        plan = p;
                        planRule = r.id();
                        if (!rules.contains(r.id())) rules.add(r.id());
                    }
                }
                if (plan == null) {
                    steps.add(new Rewrite.Step(null, null, false, List.of(Rewrite.Statement.of(aw.sql().strip())), List.of()));
                } else {
                    steps.addAll(tagged(plan.steps(), m, s, planRule));
                    changed = true;
                }
            }
            if (changed) replaced.put(s, merge(steps));
        }
        if (replaced.isEmpty() && lockTimeout == null) return null;

        List<Segment> segments = new ArrayList<>();
        Segment current = segment(false, null, null);
        segments.add(current);
        int cursor = 0;
        boolean spliced = text != null;
        for (SqlStatement s : m.statements()) {
            String lead = "";
            String raw = s.sql();
            if (spliced) {
                int at = text.indexOf(s.sql(), cursor);
                if (at < 0) {
                    spliced = false;
                } else {
                    lead = text.substring(cursor, at);
                    int end = at + s.sql().length();
                    int j = end;
                    while (j < text.length() && Character.isWhitespace(text.charAt(j)) && text.charAt(j) != '\n') j++;
                    if (j < text.length() && text.charAt(j) == ';') end = j + 1;
                    raw = text.substring(at, end);
                    cursor = end;
                }
            }
            if (!spliced) raw = s.sql().strip() + ";";
            if (s.kind() == SqlStatement.Kind.TRANSACTION_CONTROL && !replaced.isEmpty()) {
                // the file's own BEGIN/COMMIT would hold the steps in one transaction: each migration's tool wraps it
                current.text().append(lead);
                continue;
            }
            List<Rewrite.Step> steps = replaced.get(s);
            if (steps == null) {
                current.text().append(lead).append(raw);
                current.statements().add(s.sql());
                continue;
            }
            for (int k = 0; k < steps.size(); k++) {
                Rewrite.Step step = steps.get(k);
                boolean joins = k == 0 && !step.outsideTransaction() && !current.outsideTransaction();
                if (!joins && !current.empty()) {
                    current = segment(step.outsideTransaction(), step.name(), step.note());
                    segments.add(current);
                } else if (!joins) { // nothing in it yet: it takes the step's mode
                    Segment was = current;
                    current = new Segment(was.text(), was.statements(), step.outsideTransaction(), was.down(),
                            was.name() == null ? step.name() : was.name(), was.step());
                    segments.set(segments.size() - 1, current);
                }
                if (k == 0) current.text().append(lead);
                else if (!current.text().isEmpty() && current.text().charAt(current.text().length() - 1) != '\n') {
                    current.text().append('\n');
                }
                append(current, step.up());
                current.down().addAll(0, step.down());
            }
            if (current.outsideTransaction()) { // what follows cannot share it
                current = segment(false, null, null);
                segments.add(current);
            }
        }
        if (spliced) current.text().append(text.substring(cursor));
        segments.removeIf(g -> g.empty() && g != segments.get(0));
        if (segments.get(0).empty() && segments.size() > 1) {
            // the original's own text (its header comments) goes with the first migration that has statements
            Segment first = segments.remove(0), next = segments.get(0);
            next.text().insert(0, first.text());
        }
        // a migration left with only session settings sets them for the one after it: they go with that one
        for (int i = 0; i + 1 < segments.size(); i++) {
            if (settingsOnly(segments.get(i))) {
                Segment g = segments.remove(i), next = segments.get(i);
                Segment merged = new Segment(new StringBuilder(g.text().toString().stripTrailing()).append('\n')
                        .append(next.text().toString().stripLeading()),
                        new ArrayList<>(g.statements()), next.outsideTransaction(), next.down(), next.name(),
                        i == 0 ? null : next.step());
                merged.statements().addAll(next.statements());
                segments.set(i, merged);
                i--;
            }
        }
        if (lockTimeout != null) {
            for (Segment g : segments) if (needsLockTimeout(g)) prefix(g, lockTimeout);
        }
        return new FileFix(m, text, segments, rules);
    }

    /** Adjacent kept actions of one ALTER TABLE stay one statement per action: fine, each is judged alone anyway. */
    private Rule rule(String id) {
        for (Rule r : dialect.rules()) if (r.id().equals(id)) return r;
        return Rules.byId(id);
    }

    private static List<Rewrite.Step> merge(List<Rewrite.Step> steps) {
        List<Rewrite.Step> out = new ArrayList<>();
        for (Rewrite.Step s : steps) {
            Rewrite.Step last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.name() == null && s.name() == null && !s.outsideTransaction() && !last.outsideTransaction()) {
                List<Rewrite.Statement> up = new ArrayList<>(last.up());
                up.addAll(s.up());
                out.set(out.size() - 1, new Rewrite.Step(null, null, false, up, List.of()));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /** The steps with where they came from, for the new files' headers. */
    private static List<Rewrite.Step> tagged(List<Rewrite.Step> steps, Migration m, SqlStatement s, String rule) {
        List<Rewrite.Step> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Rewrite.Step st = steps.get(i);
            String origin = rule + ", step " + (i + 1) + " of " + steps.size() + ", for " + m.name() + ":" + s.line()
                    + (st.note() == null ? "" : "\n" + st.note());
            out.add(new Rewrite.Step(st.name(), origin, st.outsideTransaction(), st.up(), st.down()));
        }
        return out;
    }

    private static Segment segment(boolean outside, String name, String step) {
        return new Segment(new StringBuilder(), new ArrayList<>(), outside, new ArrayList<>(), name, step);
    }

    private static void append(Segment g, List<Rewrite.Statement> up) {
        for (Rewrite.Statement st : up) {
            StringBuilder b = g.text();
            if (!b.isEmpty() && b.charAt(b.length() - 1) != '\n') b.append('\n');
            if (st.before() != null) for (String l : st.before().split("\n")) b.append("-- ").append(l).append('\n');
            b.append(st.sql()).append(';');
            if (st.trailing() != null) b.append("  -- ").append(st.trailing());
            g.statements().add(st.sql());
        }
    }

    private boolean settingsOnly(Segment g) {
        if (g.empty()) return false;
        for (String sql : g.statements()) {
            Words w = new Words(sql, dialect.words(sql));
            if (!(w.startsWith("SET") || w.startsWith("RESET"))) return false;
        }
        return true;
    }

    private boolean needsLockTimeout(Segment g) {
        for (String sql : g.statements()) {
            for (SqlStatement s : dialect.splitter().split(sql)) {
                Words w = new Words(s.sql(), dialect.words(s.sql()));
                if (w.startsWith("SET") && w.has("LOCK_TIMEOUT")) return false;
                if (dialect.requestsBlockingLock(w, s.kind())) return true;
            }
        }
        return false;
    }

    /** The settings first, after the segment's leading comments. */
    private static void prefix(Segment g, List<Rewrite.Statement> settings) {
        StringBuilder b = g.text();
        int at = 0;
        while (at < b.length()) { // past blank lines and -- comment lines at the top
            int eol = b.indexOf("\n", at);
            String line = (eol < 0 ? b.substring(at) : b.substring(at, eol)).strip();
            if (!(line.isEmpty() || line.startsWith("--"))) break;
            if (eol < 0) {
                at = b.length();
                break;
            }
            at = eol + 1;
        }
        StringBuilder p = new StringBuilder();
        for (Rewrite.Statement st : settings) {
            p.append(st.sql()).append(';').append(st.trailing() == null ? "" : "  -- " + st.trailing()).append('\n');
        }
        b.insert(at, p);
        List<String> sql = new ArrayList<>(settings.stream().map(Rewrite.Statement::sql).toList());
        sql.addAll(g.statements());
        g.statements().clear();
        g.statements().addAll(sql);
    }

    private static String read(Migration m) {
        try {
            return m.file() != null && Files.isRegularFile(m.file()) ? Files.readString(m.file()) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
