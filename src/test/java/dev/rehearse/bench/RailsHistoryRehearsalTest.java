package dev.rehearse.bench;

import dev.rehearse.Rehearsal;
import dev.rehearse.analyze.RealHistories;
import dev.rehearse.model.Report;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ScenarioLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mvn -B -Pbench test -Dtest=RailsHistoryRehearsalTest}: rubygems.org's whole Rails history (234 migrations,
 * translated from Ruby) rehearsed end to end on the embedded PostgreSQL 16, every migration pending, no workload.
 * Prints migrations applied, statements, failures, untranslated calls and seconds per migration.
 */
@Tag("bench")
class RailsHistoryRehearsalTest {

    @Test
    void rubygemsOrgFromTheFirstMigrationToTheLast() {
        Path dir = RealHistories.dir("rubygems-org").resolve("db/migrate");
        Scenario s = ScenarioLoader.defaults()
                .withMigrations(new Scenario.Migrations(List.of(dir), "rails", Scenario.Transaction.AUTO, null, null))
                .withLoad(Scenario.Load.DEFAULT.withEnabled(false));
        long start = System.nanoTime();
        Rehearsal.Result result = new Rehearsal(s, line -> { }).run();
        double seconds = (System.nanoTime() - start) / 1e9;
        Report r = result.report();
        Set<String> applied = new LinkedHashSet<>();
        List<Report.StatementReport> failed = r.statements().stream().filter(st -> st.error() != null).toList();
        r.statements().forEach(st -> applied.add(st.migration()));
        long untranslated = r.findings().stream().filter(f -> f.rule().equals("untranslated")).count();
        System.out.printf("%nrubygems.org (Rails): %d migrations applied, %d statements, %d failed, %d untranslated calls,"
                        + " %.1f s wall, %.3f s per migration%n", applied.size(), r.statements().size(), failed.size(),
                untranslated, seconds, seconds / Math.max(1, applied.size()));
        failed.forEach(f -> System.out.println("  failed: " + f.migration() + ":" + f.line() + " " + f.sql() + " -> " + f.error()));
        assertThat(failed).as("statements that failed").isEmpty();
        assertThat(applied).hasSize(234);
    }
}
