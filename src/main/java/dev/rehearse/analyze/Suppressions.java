package dev.rehearse.analyze;

import dev.rehearse.dialect.MintedRules;
import dev.rehearse.dialect.Rule;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.model.Report;
import dev.rehearse.model.Report.Finding;
import dev.rehearse.model.Status;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user's suppressions of one migration file, for lint and run alike: {@code -- rehearse:ignore RULE reason} in
 * the comments right before a statement, {@code -- rehearse:ignore-file RULE reason} anywhere in the file, and the
 * project's {@code exclude} in .rehearse.yaml, in that precedence. A suppression needs a known rule and a reason;
 * otherwise it does not apply and is itself a finding (lint reports those).
 */
final class Suppressions {

    private static final Pattern IGNORE = Pattern.compile("rehearse:ignore(-file)?(?=\\s|$)[ \\t]*([^\\s*]*)[ \\t]*([^\\r\\n]*)");

    private record Suppression(String rule, String reason, String by) {}

    private final Migration migration;
    private final Set<String> exclude;
    private final Map<String, Suppression> file = new LinkedHashMap<>();
    private final List<Finding> fileProblems = new ArrayList<>();

    private Suppressions(Migration migration, Set<String> exclude) {
        this.migration = migration;
        this.exclude = exclude;
    }

    /** @param exclude rule ids the project accepts */
    static Suppressions of(Migration m, Set<String> exclude) {
        Suppressions s = new Suppressions(m, exclude);
        String text;
        try {
            text = m.file() == null ? "" : Files.readString(m.file());
        } catch (IOException | RuntimeException e) {
            text = "";
        }
        if (!text.contains("rehearse:ignore-file")) return s;
        int lineNo = 0;
        for (String line : text.split("\\R", -1)) {
            lineNo++;
            String t = line.strip();
            if (!(t.startsWith("--") || t.startsWith("#") || t.startsWith("/*"))) continue;
            Matcher mt = IGNORE.matcher(t);
            if (mt.find() && mt.group(1) != null) {
                Suppression sup = parse(mt, "file");
                if (valid(sup, m, lineNo, s.fileProblems)) s.file.put(sup.rule(), sup);
            }
        }
        return s;
    }

    /** Findings about the file's own ignore-file comments. */
    List<Finding> fileProblems() {
        return fileProblems;
    }

    /** The valid ignores in the comments before {@code s}; the malformed ones go to {@code problems}. */
    Map<String, String> statement(SqlStatement s, List<Finding> problems) {
        Map<String, String> here = new LinkedHashMap<>();
        for (String comment : s.comments()) {
            Matcher mt = IGNORE.matcher(comment);
            while (mt.find()) {
                if (mt.group(1) != null) continue; // ignore-file: the file's
                Suppression sup = parse(mt, "statement");
                if (valid(sup, migration, s.line(), problems)) here.put(sup.rule(), sup.reason());
            }
        }
        return here;
    }

    /** The finding, suppressed by the statement's ignores, the file's, or the project's exclude, if any applies. */
    Finding apply(Finding f, Map<String, String> statementIgnores) {
        if (!f.counts()) return f;
        String reason = statementIgnores.get(f.rule());
        if (reason != null) return suppressed(f, "statement", reason);
        Suppression sup = file.get(f.rule());
        if (sup != null) return suppressed(f, sup.by(), sup.reason());
        if (exclude.contains(f.rule())) return suppressed(f, "config", "excluded in the project configuration");
        return f;
    }

    private static Finding suppressed(Finding x, String by, String reason) {
        return new Finding(x.rule(), x.category(), x.status(), x.statementIndex(), x.message(), x.action(), x.file(),
                x.line(), new Report.Suppressed(by, reason));
    }

    private static Suppression parse(Matcher mt, String by) {
        String reason = mt.group(3).replaceAll("\\*/\\s*$", "").strip();
        return new Suppression(mt.group(2), reason, by);
    }

    /** Findings about the suppression itself; true when it applies. */
    private static boolean valid(Suppression sup, Migration m, int line, List<Finding> out) {
        String where = m.name() + ":" + line;
        if (sup.rule().isEmpty() || !Rules.known(sup.rule())) {
            String suggestion = nearest(sup.rule());
            Rule r = MintedRules.UNKNOWN_SUPPRESSION;
            out.add(new Finding(r.id(), r.category(), Status.FLAG, null, where + ": rehearse:ignore names "
                    + (sup.rule().isEmpty() ? "no rule" : "an unknown rule '" + sup.rule() + "'")
                    + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?"), r.advice(), m.name(), line, null));
            return false;
        }
        if (sup.reason().isEmpty()) {
            Rule r = MintedRules.SUPPRESSION_WITHOUT_REASON;
            out.add(new Finding(r.id(), r.category(), Status.FLAG, null,
                    where + ": rehearse:ignore " + sup.rule() + " gives no reason, so it does not apply",
                    "-- rehearse:ignore " + sup.rule() + " <why this is safe here>", m.name(), line, null));
            return false;
        }
        return true;
    }

    /** The catalog id closest to a misspelt one, within three edits. */
    private static String nearest(String id) {
        String best = null;
        int bestD = 4;
        for (Rule r : Rules.ALL) {
            int d = distance(id, r.id());
            if (d < bestD) {
                bestD = d;
                best = r.id();
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
