package dev.rehearse.dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A rule's safe rewrite of one statement as migrations: the steps in the order they ship, each a migration of its own
 * (a later step needs the earlier ones committed, or runs outside a transaction block), with the down of each where one
 * can be derived; or, where no mechanical form exists, the expand/contract plan as a checklist. The text lint, run and
 * the pattern pages print is rendered from it ({@link #text()}), and {@code fix} writes the same steps as files, so
 * there is one rewrite, not two.
 *
 * @param steps the migrations, in order; empty for a checklist
 * @param checklist the plan a person carries out (release by release), for a finding without a mechanical rewrite
 * @param after notes printed after the steps (alternatives, tools): text only, never written as a migration
 */
public record Rewrite(List<Step> steps, List<String> checklist, List<String> after) {

    public Rewrite {
        steps = List.copyOf(steps);
        checklist = List.copyOf(checklist);
        after = List.copyOf(after);
    }

    /**
     * One statement of a step.
     *
     * @param before a comment printed on the lines before it (null: none)
     * @param trailing a comment after it on the same line (null: none)
     */
    public record Statement(String sql, String before, String trailing) {
        public static Statement of(String sql) {
            return new Statement(sql, null, null);
        }

        public Statement before(String comment) {
            return new Statement(sql, comment, trailing);
        }

        public Statement trailing(String comment) {
            return new Statement(sql, before, comment);
        }
    }

    /**
     * One migration of the rewrite.
     *
     * @param note why this step is a migration of its own (null: none), printed as its header
     * @param outsideTransaction it must run outside a transaction block (CONCURRENTLY, a backfill that commits per batch)
     * @param name a short description for the file name ({@code validate_orders_note_not_null})
     * @param up its statements, without the terminating semicolon
     * @param down what undoes it, where one can be derived; empty when none can (or none is needed)
     */
    public record Step(String name, String note, boolean outsideTransaction, List<Statement> up, List<String> down) {
        public Step {
            up = List.copyOf(up);
            down = List.copyOf(down);
        }
    }

    public static Rewrite of(Step... steps) {
        return new Rewrite(List.of(steps), List.of(), List.of());
    }

    public static Rewrite checklist(String... items) {
        return new Rewrite(List.of(), List.of(items), List.of());
    }

    public Rewrite then(String note) {
        List<String> more = new ArrayList<>(after);
        more.add(note);
        return new Rewrite(steps, checklist, more);
    }

    public boolean mechanical() {
        return !steps.isEmpty();
    }

    /** The rewrite as lint and run print it: each later step headed {@code -- next migration}. */
    public String text() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (i > 0) {
                line(b, "-- next migration" + (s.outsideTransaction() ? ", outside a transaction block" : "")
                        + (s.note() == null ? "" : ": " + s.note()));
            } else if (s.note() != null) {
                line(b, "-- " + s.note());
            }
            for (Statement st : s.up()) {
                if (st.before() != null) for (String l : st.before().split("\n")) line(b, "-- " + l);
                line(b, st.sql() + ";" + (st.trailing() == null ? "" : "  -- " + st.trailing()));
            }
        }
        if (steps.size() == 1 && steps.get(0).outsideTransaction()) {
            line(b, "-- in a migration of its own, outside a transaction block");
        }
        if (!checklist.isEmpty()) {
            for (int i = 0; i < checklist.size(); i++) line(b, (i + 1) + ". " + checklist.get(i));
        }
        for (String a : after) line(b, a);
        return b.toString().stripTrailing();
    }

    private static void line(StringBuilder b, String s) {
        if (!b.isEmpty()) b.append('\n');
        b.append(s);
    }

    /**
     * A rule's rewrite with a mechanical form: {@link #plan} gives the steps {@code fix} writes (null where the
     * statement's words do not determine them, a name or a column list missing), and its text is rendered from
     * them; {@code otherwise} gives the text where there is no plan.
     */
    public interface Mechanical extends Function<Rule.Words, String> {
        Rewrite plan(Rule.Words w);

        /** The plan judged by these thresholds: a rewrite whose figures come from them (a lock_timeout) overrides it. */
        default Rewrite plan(Rule.Words w, dev.rehearse.scenario.Scenario.Thresholds t) {
            return plan(w);
        }

        String otherwise(Rule.Words w);

        @Override
        default String apply(Rule.Words w) {
            Rewrite r = plan(w);
            return r == null ? otherwise(w) : r.text();
        }
    }

    /** A mechanical rewrite from its plan, with the hint text for statements the plan cannot read. */
    public static Mechanical mechanical(Function<Rule.Words, Rewrite> plan, Function<Rule.Words, String> otherwise) {
        return new Mechanical() {
            @Override
            public Rewrite plan(Rule.Words w) {
                return plan.apply(w);
            }

            @Override
            public String otherwise(Rule.Words w) {
                return otherwise.apply(w);
            }
        };
    }

    /** A mechanical rewrite whose plan reads every statement the rule matches. */
    public static Mechanical mechanical(Function<Rule.Words, Rewrite> plan) {
        return mechanical(plan, w -> "");
    }
}
