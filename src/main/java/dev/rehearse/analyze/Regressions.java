package dev.rehearse.analyze;

import dev.rehearse.model.Report;
import dev.rehearse.model.Report.Regression;
import dev.rehearse.model.Report.StatementReport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run beside an earlier run of the same scenario ({@code --compare}): each statement matched to the earlier one by
 * its migration and SQL (the n-th occurrence of a repeated statement to the n-th), and what got worse. Measured
 * figures (lock hold, duration, blocked queries, their longest wait) regress only when they grew beyond
 * {@link StatementFigures#noise}; what a statement does (its strongest lock, a rewrite, its findings' status, an
 * error) regresses whenever it got worse.
 */
public final class Regressions {

    private Regressions() {}

    public static Report.Comparison compare(Report previous, String previousPath, Report current) {
        Report.Noise noise = StatementFigures.noise(List.of(previous, current));
        Map<String, StatementReport> before = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (StatementReport s : list(previous.statements())) before.put(key(s, seen), s);
        seen.clear();
        List<Regression> out = new ArrayList<>();
        int matched = 0, unmatched = 0;
        for (StatementReport s : list(current.statements())) {
            StatementReport p = before.get(key(s, seen));
            if (p == null) {
                unmatched++;
                continue;
            }
            matched++;
            measured(out, noise, p, s, "lockHoldMs", StatementFigures.lockHoldMs(p), StatementFigures.lockHoldMs(s), false);
            measured(out, noise, p, s, "durationMs", p.error() == null ? p.durationMs() : null,
                    s.error() == null ? s.durationMs() : null, false);
            measured(out, noise, p, s, "blockedQueries", StatementFigures.blockedQueries(p),
                    StatementFigures.blockedQueries(s), true);
            measured(out, noise, p, s, "maxBlockedMs", StatementFigures.maxBlockedMs(p), StatementFigures.maxBlockedMs(s),
                    false);
            String pb = StatementFigures.blocks(p), cb = StatementFigures.blocks(s);
            if (StatementFigures.rank(cb) > StatementFigures.rank(pb)) out.add(regression(p, s, "blocks", pb, cb));
            if (StatementFigures.rewrite(s) && !StatementFigures.rewrite(p)) out.add(regression(p, s, "rewrite", false, true));
            String ps = StatementFigures.status(p, previous.findings()), cs = StatementFigures.status(s, current.findings());
            if (StatementFigures.severity(cs) > StatementFigures.severity(ps)) out.add(regression(p, s, "status", ps, cs));
            if (s.error() != null && p.error() == null) out.add(regression(p, s, "error", null, StatementFigures.error(s)));
        }
        return new Report.Comparison(previousPath, previous.run() == null ? null : previous.run().startedAt(), noise,
                matched, unmatched, out);
    }

    private static void measured(List<Regression> out, Report.Noise noise, StatementReport p, StatementReport s,
                                 String field, Number from, Number to, boolean count) {
        if (from == null || to == null) return; // not measured in one of the runs: nothing to compare
        if (StatementFigures.grew(noise, from.doubleValue(), to.doubleValue(), count)) {
            out.add(regression(p, s, field, from, to));
        }
    }

    private static Regression regression(StatementReport p, StatementReport s, String field, Object from, Object to) {
        return new Regression(s.index(), p.index(), s.migration(), s.sql(), field, from, to);
    }

    private static String key(StatementReport s, Map<String, Integer> seen) {
        String k = s.migration() + "\u0000" + (s.sql() == null ? "" : s.sql().strip());
        int n = seen.merge(k, 1, Integer::sum);
        return k + "\u0000" + n;
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
