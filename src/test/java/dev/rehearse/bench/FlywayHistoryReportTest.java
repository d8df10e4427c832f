package dev.rehearse.bench;

import dev.rehearse.Rehearsal;
import dev.rehearse.analyze.FlywayHistory;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.PendingSet;
import dev.rehearse.model.Report;
import dev.rehearse.scenario.CliOverrides;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ScenarioLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mvn -B -Pbench -Dtest=FlywayHistoryReportTest test}: the real Flyway history ({@link FlywayHistory})
 * rehearsed end to end on the embedded PostgreSQL 16 with {@code --format flyway}: (a) its {@code common} location,
 * which the project's own CI migrates on an empty database (146 versioned, 14 repeatable, one of them comments only), and (b) the production
 * deploy as its application.yml reads it from the project root ({@code common} and {@code prod}). Prints migrations
 * applied, statements, failures and seconds per migration. Not part of {@code mvn verify}.
 */
@Tag("bench")
class FlywayHistoryReportTest {

    static final String COMMON = "src/main/resources/migrations/common";
    /** The one production data fix that checks it found the production rows it fixes; an empty database has none. */
    static final String PROD_GUARD = "src/main/resources/migrations/prod/V2026.08.05__cleanup_planned_suspensions_rollout.sql";

    record Outcome(int read, int applied, int statementsRead, int executed, List<String> failures) {}

    @Test
    void commonLocationRehearsedEndToEndWithoutFailures() {
        Outcome o = rehearse("(a) " + COMMON, FlywayHistory.root().resolve(COMMON));
        assertThat(o.failures()).isEmpty();
        assertThat(o.applied()).isEqualTo(o.read()).isGreaterThanOrEqualTo(100);
        assertThat(o.executed()).isEqualTo(o.statementsRead());
    }

    @Test
    void productionDeployRunsUpToTheDataFixThatNeedsProductionRows() {
        Outcome o = rehearse("(b) project root: common + prod", FlywayHistory.root());
        // the guard RAISEs on an empty database, as it would on any database without those rows: the run stops there
        assertThat(o.failures()).singleElement().satisfies(f -> assertThat(f).startsWith(PROD_GUARD + ":1 ")
                .contains("updated 0 rows; expected between 1 and 150"));
        assertThat(o.applied()).isEqualTo(169);
    }

    private static List<String> names(List<Migration> all) {
        return all.stream().map(Migration::name).toList();
    }

    /** A PR's view: the 2026 migrations pending, the rest applied as the deployed baseline before the seed. */
    @Test
    void newestPendingOnTopOfTheDeployedBaseline() {
        Outcome o = rehearse("(c) " + COMMON + " --from 2026.01", FlywayHistory.root().resolve(COMMON),
                PendingSet.of(null, "2026.01", null));
        assertThat(o.failures()).isEmpty();
        // the 2026 versioned migrations and the repeatables, which run again at every deploy
        assertThat(o.applied()).isBetween(15, 60);
    }

    private static Outcome rehearse(String label, Path path) {
        return rehearse(label, path, null);
    }

    private static Outcome rehearse(String label, Path path, java.util.function.Predicate<Migration> pending) {
        FlywayHistory.withEnvironment();
        List<Migration> all = FlywayHistory.read(path);
        int deployed = all.size();
        Scenario s = ScenarioLoader.applyOverrides(ScenarioLoader.defaults(), CliOverrides.NONE
                .withMigrations(List.of(path)).withFormat("flyway").withNoLoad(true));
        long start = System.nanoTime();
        Rehearsal rehearsal = new Rehearsal(s, line -> { });
        if (pending != null) {
            rehearsal = rehearsal.withPending(pending);
            all = all.stream().filter(pending).toList();
        }
        Report report = rehearsal.run().report();
        double wall = (System.nanoTime() - start) / 1e9;

        Map<String, Double> msPerMigration = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (Report.StatementReport st : report.statements()) {
            msPerMigration.merge(st.migration(), (double) st.durationMs(), Double::sum);
            if (st.error() != null) failures.add(st.migration() + ":" + st.line() + " " + st.error());
        }
        Set<String> applied = new LinkedHashSet<>(msPerMigration.keySet());
        // a file of comments only (Flyway records it and sends nothing) counts as applied once the run got past it
        int reached = report.statements().isEmpty() ? 0 : names(all).indexOf(report.statements()
                .get(report.statements().size() - 1).migration());
        for (Migration m : all.subList(0, reached + 1)) if (m.statements().isEmpty()) applied.add(m.name());
        failures.forEach(f -> applied.remove(f.substring(0, f.indexOf(':'))));
        int statements = all.stream().mapToInt(m -> m.statements().size()).sum();
        double sum = msPerMigration.values().stream().mapToDouble(Double::doubleValue).sum();
        Map.Entry<String, Double> slowest = msPerMigration.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();

        System.out.printf(Locale.ROOT, "%nreal Flyway history %s %s (--format flyway, postgres:16 embedded, no load)%n",
                FlywayHistory.NAME, label);
        System.out.printf(Locale.ROOT, "  migrations read %d (%d versioned, %d repeatable, %d Flyway's history table),"
                        + " applied %d%n", all.size(), all.stream().filter(m -> m.version() != null && !m.name().contains("history table")).count(),
                all.stream().filter(m -> m.version() == null && m.file().getFileName().toString().startsWith("R__")).count(),
                all.stream().filter(m -> m.name().contains("history table")).count(), applied.size());
        System.out.printf(Locale.ROOT, "  statements read %d, executed %d, failures %d%s%n", statements,
                report.statements().size(), failures.size(), failures.isEmpty() ? "" : " " + failures);
        System.out.printf(Locale.ROOT, "  statement time %.2f s, %.4f s per applied migration (slowest %s, %.3f s);"
                        + " the whole rehearsal (provision, probes, analysis) %.1f s, %.3f s per migration%n",
                sum / 1000, sum / 1000 / Math.max(1, applied.size()), slowest.getKey(), slowest.getValue() / 1000, wall,
                wall / Math.max(1, applied.size()));
        if (pending != null) System.out.printf(Locale.ROOT, "  deployed baseline %d migrations%n", deployed - all.size());
        System.out.printf(Locale.ROOT, "  verdict %s, %d findings%n%n", report.verdict(), report.findings().size());
        return new Outcome(all.size(), applied.size(), statements, report.statements().size(), failures);
    }
}
