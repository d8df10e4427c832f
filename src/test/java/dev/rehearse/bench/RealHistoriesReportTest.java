package dev.rehearse.bench;

import dev.rehearse.analyze.Linter;
import dev.rehearse.analyze.RealHistories;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.model.Report.Finding;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mvn -B -Pbench test}: what {@code lint} says about the three real histories committed under
 * src/test/resources/histories (crates.io, documenso, Dokploy; see {@link RealHistories}). For each, findings by
 * rule (a) over the whole directory, each file pending on its own ({@link Linter.Options#of}), and (b) with the
 * newest {@value RealHistories#WINDOW} files pending; then {@value #SAMPLE} findings of (a) drawn with a fixed seed,
 * with file:line, rule, message and the statement's start, so a reader can judge false alarms. Not part of
 * {@code mvn verify}.
 */
@Tag("bench")
class RealHistoriesReportTest {

    static final int SAMPLE = 25;
    static final long SEED = 8;
    /** Migrations each tool applies: crates.io's directories, documenso's directories, Dokploy's journal entries. */
    static final Map<String, Integer> MIGRATIONS = Map.of("crates-io", 285, "documenso", 163, "dokploy", 186);

    @Test
    void findingsOnRealHistories() {
        StringBuilder out = new StringBuilder("\n");
        for (String h : RealHistories.NAMES) {
            List<Migration> all = RealHistories.read(h);
            Set<String> window = RealHistories.newest(all, RealHistories.WINDOW);
            Linter.Result whole = new Linter(Linter.Options.of(RealHistories.ENGINE), RealHistories.DIALECT).lint(all);
            Linter.Result pending =
                    new Linter(pendingOptions(RealHistories.pendingAmong(window)), RealHistories.DIALECT).lint(all);
            out.append(String.format("real history: %s (%s, --engine %s), %d files, %d statements%n",
                    h, RealHistories.FORMATS.get(h), RealHistories.ENGINE, whole.files(), whole.statements()));
            out.append(String.format("  (a) whole directory, each file pending on its own: %d findings %s%n",
                    whole.findings().size(), byRule(whole.findings())));
            out.append(String.format("  (b) newest %d pending (from %s): %d findings %s%n",
                    window.size(), window.iterator().next(), pending.findings().size(), byRule(pending.findings())));
            List<Finding> sample = new ArrayList<>(whole.findings());
            Collections.shuffle(sample, new Random(SEED));
            sample = new ArrayList<>(sample.subList(0, Math.min(SAMPLE, sample.size())));
            sample.sort(Comparator.comparing((Finding f) -> order(all, f.file())).thenComparing(f -> line(f)));
            out.append(String.format("  %d of (a) at random (seed %d):%n", sample.size(), SEED));
            for (Finding f : sample) {
                out.append(String.format("    %s:%s %s: %s%n        %s%n", f.file(), f.line(), f.rule(), f.message(),
                        statementAt(all, f)));
            }
            out.append('\n');
            assertThat(whole.files()).isEqualTo(all.size()).isEqualTo(MIGRATIONS.get(h));
            // every finding is at a migration its tool applies: none at a Diesel down.sql or a file Drizzle's
            // journal does not name
            Set<String> applied = new java.util.HashSet<>(all.stream().map(Migration::name).toList());
            assertThat(whole.findings()).allSatisfy(f -> assertThat(applied).contains(f.file()));
        }
        System.out.print(out);
    }

    // Needs the pending-set API (Linter.Options' fourth component, issue 8); merge together with that change.
    private static Linter.Options pendingOptions(Predicate<Migration> pending) {
        return new Linter.Options(RealHistories.ENGINE, Set.of(), false, pending);
    }

    private static Map<String, Integer> byRule(List<Finding> findings) {
        Map<String, Integer> byRule = new TreeMap<>();
        for (Finding f : findings) byRule.merge(f.rule(), 1, Integer::sum);
        return byRule;
    }

    private static int order(List<Migration> all, String file) {
        for (int i = 0; i < all.size(); i++) if (all.get(i).name().equals(file)) return i;
        return -1;
    }

    private static int line(Finding f) {
        return f.line() == null ? 0 : f.line();
    }

    /** The first 110 characters of the statement a finding points at, on one line. */
    private static String statementAt(List<Migration> all, Finding f) {
        for (Migration m : all) {
            if (!m.name().equals(f.file())) continue;
            for (SqlStatement s : m.statements()) {
                if (f.line() != null && s.line() == f.line()) {
                    String sql = s.sql().replaceAll("\\s+", " ").strip();
                    return sql.length() > 110 ? sql.substring(0, 110) + "..." : sql;
                }
            }
        }
        return "(no statement starts at this line)";
    }
}
