package dev.rehearse.dialect;

import java.util.function.BiPredicate;

/** A rule's static check: called for every statement of the migration set, in order. */
@FunctionalInterface
public interface LintCheck {

    /**
     * @return the finding's detail after the rule's title ({@code ""} for none), or null when the rule does not
     *         apply to this statement
     */
    String check(Rule rule, LintContext c);

    /** The statement matches, its table is not new, and at the target version the rule's claim holds. */
    LintCheck MATCHING = (r, c) -> matching(r, c, false);

    /** As {@link #MATCHING}, on tables created in the set too (the hazard is the definition, not the lock). */
    LintCheck MATCHING_NEW_TABLES_TOO = (r, c) -> matching(r, c, true);

    /** As {@link #MATCHING}, when the set's state also says so. */
    static LintCheck matchingWhen(BiPredicate<Rule, LintContext> also) {
        return (r, c) -> {
            String hit = matching(r, c, false);
            return hit != null && also.test(r, c) ? hit : null;
        };
    }

    private static String matching(Rule r, LintContext c, boolean onNewTables) {
        if (!r.matches().test(c.words())) return null;
        if (c.newTable() && !onNewTables) return null;
        if (r.claim() == null) return "";
        Rule.Claim claim = r.claim().apply(c.engine(), c.words());
        return claim == null ? null : "on " + c.engine() + ": " + claim.describe(); // null: harmless at this version
    }
}
