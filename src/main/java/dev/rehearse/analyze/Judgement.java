package dev.rehearse.analyze;

import dev.rehearse.dialect.Rule;
import dev.rehearse.model.Category;
import dev.rehearse.model.Report;
import dev.rehearse.model.Report.Finding;
import dev.rehearse.model.Status;
import dev.rehearse.model.Verdict;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Findings into the eight categories and the verdict, the one way lint and run both do it. */
final class Judgement {

    private Judgement() {}

    /**
     * One row per category, in the contract's order: PASS with {@code passIssue} when nothing counted there, else
     * the worst finding (the first of equals), how many more, and the advice of the rule that names it.
     *
     * @param counted findings that count (not suppressed)
     * @param issue how the row quotes its worst finding
     */
    static List<Report.CategoryResult> categories(List<Finding> counted, Function<Category, String> passIssue,
                                                  Function<Finding, String> issue) {
        Map<Category, List<Finding>> by = new EnumMap<>(Category.class);
        for (Finding f : counted) {
            by.computeIfAbsent(f.category(), k -> new ArrayList<>()).add(f);
            Rule rule = Rules.statementRule(f.rule()).orElse(null);
            if (rule == null || f.category() != rule.category()) continue; // a finding filed elsewhere (blocked-queries)
            for (Category also : rule.facts().alsoIn()) by.computeIfAbsent(also, k -> new ArrayList<>()).add(f);
        }
        List<Report.CategoryResult> out = new ArrayList<>();
        for (Category c : Category.values()) {
            List<Finding> fs = by.getOrDefault(c, List.of());
            if (fs.isEmpty()) {
                out.add(new Report.CategoryResult(c, Status.PASS, passIssue.apply(c), "None"));
                continue;
            }
            Finding worst = fs.stream().reduce((a, b) -> b.status().ordinal() > a.status().ordinal() ? b : a).get();
            String more = fs.size() > 1 ? " (+" + (fs.size() - 1) + " more)" : "";
            out.add(new Report.CategoryResult(c, worst.status(), issue.apply(worst) + more, action(worst)));
        }
        return out;
    }

    /** The statement rule's one-line advice; a minted finding's own action (its first line). */
    private static String action(Finding f) {
        return Rules.statementRule(f.rule()).map(Rule::advice)
                .orElse(f.action() == null ? "" : f.action().lines().findFirst().orElse(""));
    }

    static Status worst(List<Finding> counted) {
        return counted.stream().map(Finding::status).reduce(Status.PASS, Status::max);
    }

    static Verdict verdict(List<Finding> counted) {
        return Verdict.of(worst(counted));
    }
}
