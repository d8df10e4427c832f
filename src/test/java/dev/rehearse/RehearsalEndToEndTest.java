package dev.rehearse;

import dev.rehearse.model.Category;
import dev.rehearse.model.Status;
import dev.rehearse.model.Verdict;
import dev.rehearse.model.Report;
import dev.rehearse.scenario.CliOverrides;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Whole rehearsals on a real embedded PostgreSQL, asserted on the report as a user reads it. */
class RehearsalEndToEndTest {

    private static Scenario scenario(String file, String... rows) {
        Scenario base = ScenarioLoader.load(Path.of("scenarios", file));
        return ScenarioLoader.applyOverrides(base, CliOverrides.NONE.withRows(rows.length == 0 ? null : List.of(rows)));
    }

    private static Report run(Scenario s) {
        return new Rehearsal(s, line -> { }).run().report();
    }

    @Test
    void setNotNullIsFlaggedWithItsRewriteAndTheSafeFormShips() {
        Report unsafe = run(scenario("set-not-null/unsafe.yaml", "accounts=100k"));
        assertThat(unsafe.verdict()).isNotEqualTo(Verdict.SAFE_TO_SHIP);
        Report.StatementReport s = unsafe.statements().get(0);
        assertThat(s.locks()).anySatisfy(l -> {
            assertThat(l.relation()).isEqualTo("accounts");
            assertThat(l.mode()).isEqualTo("AccessExclusiveLock");
            assertThat(l.blocks()).isEqualTo("reads_writes");
        });
        assertThat(s.scanned()).containsExactly("accounts");
        assertThat(s.rewrote()).isEmpty();
        assertThat(s.impact()).isNotNull();
        assertThat(s.impact().baselineP99Ms()).isNotNull();
        assertThat(s.estimate().rehearsedRows()).isBetween(90_000L, 110_000L);
        assertThat(s.estimate().productionRows()).isEqualTo(200_000_000L);
        assertThat(unsafe.findings()).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("set-not-null");
            assertThat(f.action()).contains("NOT VALID", "VALIDATE CONSTRAINT");
        });
        assertThat(unsafe.categories().get(Category.CONSTRAINT_VALIDATION.ordinal()).status()).isNotEqualTo(Status.PASS);
        assertThat(unsafe.seed().tables()).anySatisfy(t -> assertThat(t.rows()).isEqualTo(100_000));

        Report safe = run(scenario("set-not-null/safe.yaml", "accounts=100k"));
        assertThat(safe.verdict()).as(safe.verdictReason()).isEqualTo(Verdict.SAFE_TO_SHIP);
        assertThat(safe.statements()).hasSize(4);
        assertThat(safe.statements().get(1).locks())
                .anySatisfy(l -> assertThat(l.mode()).isEqualTo("ShareUpdateExclusiveLock"));
        assertThat(safe.statements().get(1).scanned()).containsExactly("accounts"); // VALIDATE reads, without blocking
        assertThat(safe.statements().get(2).scanned()).isEmpty(); // SET NOT NULL trusted the valid CHECK
    }

    @Test
    void queriesBlockedByAMigrationAreCountedAndTimed(@TempDir Path dir) throws Exception {
        Path migration = dir.resolve("V1__slow.sql");
        Files.writeString(migration, "ALTER TABLE accounts ADD COLUMN x int;\nSELECT pg_sleep(2.5);\n");
        Scenario base = scenario("set-not-null/unsafe.yaml", "accounts=20k");
        Scenario s = ScenarioLoader.applyOverrides(base, CliOverrides.NONE.withMigrations(List.of(migration)));
        Report r = run(s);
        Report.StatementReport alter = r.statements().get(0);
        assertThat(alter.locks()).anySatisfy(l -> assertThat(l.heldMs()).isBetween(2_400L, 4_000L));
        assertThat(alter.impact().blockedQueries()).isPositive();
        assertThat(alter.impact().maxBlockedMs()).isGreaterThanOrEqualTo(2_000L);
        assertThat(alter.impact().p99Ms()).isGreaterThan(alter.impact().baselineP99Ms());
        assertThat(r.categories().get(Category.LOCK_CONTENTION.ordinal()).status()).isEqualTo(Status.BLOCK);
        assertThat(r.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(r.run().achievedSampleIntervalMs()).isNotNull();
        assertThat(r.load().lockWaitedQueries()).isPositive();
        assertThat(r.load().maxLockWaitMs()).isGreaterThanOrEqualTo(2_000L);
        assertThat(r.run().achievedSampleIntervalP99Ms()).isGreaterThanOrEqualTo(r.run().achievedSampleIntervalMs());
        assertThat(r.run().achievedSampleIntervalMaxMs()).isGreaterThanOrEqualTo(r.run().achievedSampleIntervalP99Ms());
        // the probe's own cost: two statements, each in its own transaction
        assertThat(r.run().probeMs()).isPositive();
        assertThat(r.run().probeMaxMs()).isPositive().isLessThanOrEqualTo(r.run().probeMs());
        assertThat(r.run().probeInTransactionMs()).isPositive().isLessThanOrEqualTo(r.run().probeMs());
        // the timeline alone shows the load, and the queue behind the ALTER while it slept
        assertThat(r.timeline().windowMs()).isEqualTo(100);
        assertThat(r.timeline().windows()).anySatisfy(w -> assertThat(w.queries()).isPositive());
        assertThat(r.timeline().windows()).anySatisfy(w -> assertThat(w.sessionsWaiting()).isPositive());
        assertThat(r.timeline().windows().stream().mapToLong(Report.Window::queries).sum()).isEqualTo(r.load().queries());
    }

    /**
     * A known stall: ACCESS EXCLUSIVE on the one table the default workload (200 q/s, 8 clients) uses, held 2 s.
     * About 400 queries arrive meanwhile: 8 wait in the server, the rest queue behind them; all are counted. No
     * cooldown, so the load stops with that queue still full: its queries run all the same.
     */
    @Test
    void everyQueryThatArrivedDuringAStallIsBlockedAndNoneIsDropped(@TempDir Path dir) throws Exception {
        Path migration = dir.resolve("V1__stall.sql");
        Files.writeString(migration, "BEGIN;\nLOCK TABLE accounts IN ACCESS EXCLUSIVE MODE;\nSELECT pg_sleep(2);\nCOMMIT;\n");
        Scenario base = scenario("set-not-null/unsafe.yaml", "accounts=20k");
        Scenario s = ScenarioLoader.applyOverrides(base, CliOverrides.NONE.withMigrations(List.of(migration)))
                .withLoad(new Scenario.Load(true, 8, 200, 3, 0, 0.3)); // the default workload, without its cooldown
        Report r = run(s);
        Report.StatementReport lock = r.statements().stream().filter(st -> st.sql().contains("LOCK TABLE")).findFirst().orElseThrow();
        long blocked = r.statements().stream().filter(st -> st.impact() != null)
                .mapToLong(st -> st.impact().blockedQueries()).sum();
        long first = r.statements().get(0).startedAtMs();
        Report.StatementReport last = r.statements().get(r.statements().size() - 1);
        double migrationSeconds = (last.startedAtMs() + last.durationMs() - first) / 1000.0;
        Scenario.Load l = s.load();
        double expected = l.rate() * (l.baselineSeconds() + migrationSeconds + l.cooldownSeconds());
        String figures = String.format(java.util.Locale.ROOT, "stall: blocked %d (LOCK TABLE %d), longest %d ms; load.queries %d vs %.0f expected;"
                        + " lockWaited %d, maxLockWait %d ms; errors %d", blocked, lock.impact().blockedQueries(),
                lock.impact().maxBlockedMs(), r.load().queries(), expected, r.load().lockWaitedQueries(),
                r.load().maxLockWaitMs(), r.load().errors());
        assertThat(lock.impact().blockedQueries()).as("all blocked queries are the LOCK's; " + figures).isEqualTo((int) blocked);
        assertThat(lock.impact().blockedQueries()).as(figures).isBetween(340, 460);
        assertThat(lock.impact().maxBlockedMs()).as(figures).isBetween(1_700L, 2_300L);
        assertThat(r.load().lockWaitedQueries()).as(figures).isBetween(340L, 460L);
        assertThat(r.load().maxLockWaitMs()).as(figures).isBetween(1_700L, 2_300L);
        assertThat(r.load().errors()).as(figures).isZero();
        assertThat((double) r.load().queries()).as(figures).isBetween(expected * 0.95, expected * 1.1);
    }

    @Test
    void theWorkloadsAndTheSamplersMetersGoToTheRegistryTheCallerBinds() {
        var meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        Scenario s = scenario("set-not-null/unsafe.yaml", "accounts=20k").withLoad(new Scenario.Load(true, 4, 100, 1, 0, 0.3));
        Report r = new Rehearsal(s, line -> { }).withMeters(meters).run().report();
        long timed = meters.find("rehearse.load.latency").timers().stream().mapToLong(io.micrometer.core.instrument.Timer::count).sum();
        assertThat(timed).as("every workload query is timed").isEqualTo(r.load().queries());
        assertThat(r.timeline().windows()).as("the timeline says which statement ran").anyMatch(w -> w.statement() != null);
        assertThat(meters.find("rehearse.sampler.poll").tag("series", "locks").timer()).isNotNull()
                .satisfies(t -> assertThat(t.count()).isPositive());
    }

    @Test
    void atA250MsIntervalASelectAndAValidateBeforeALockAreNotBlamedForItsWaits(@TempDir Path dir) throws Exception {
        Path migration = dir.resolve("V1__validate_then_lock.sql");
        Files.writeString(migration, "SELECT 1;\nALTER TABLE accounts VALIDATE CONSTRAINT accounts_region_known;\n"
                + "BEGIN;\nLOCK TABLE accounts IN ACCESS EXCLUSIVE MODE;\nSELECT pg_sleep(1);\nCOMMIT;\n");
        String schema = Files.readString(Path.of("scenarios", "set-not-null", "schema.sql"))
                + "\nALTER TABLE accounts ADD CONSTRAINT accounts_region_known CHECK (region IS NOT NULL OR region IS NULL) NOT VALID;\n";
        Scenario base = scenario("set-not-null/unsafe.yaml", "accounts=20k");
        Scenario s = ScenarioLoader.applyOverrides(base, CliOverrides.NONE.withMigrations(List.of(migration)))
                .withSchema(new Scenario.Schema(null, schema))
                .withLoad(Scenario.Load.DEFAULT)
                .withObserve(new Scenario.Observe(250));
        Report r = run(s);
        assertThat(r.statements()).hasSize(6);
        Report.StatementReport select = r.statements().get(0), validate = r.statements().get(1), lock = r.statements().get(3);
        assertThat(validate.sql()).contains("VALIDATE");
        assertThat(lock.sql()).contains("LOCK TABLE");
        long blocked = r.statements().stream().filter(st -> st.impact() != null)
                .mapToLong(st -> st.impact().blockedQueries()).sum();
        String figures = "blocked " + blocked + ": " + r.statements().stream()
                .map(st -> st.index() + "=" + (st.impact() == null ? null : st.impact().blockedQueries())).toList()
                + "; findings " + r.findings().stream().map(f -> f.rule() + "@" + f.statementIndex()).toList();
        assertThat(select.impact().blockedQueries()).as(figures).isZero();
        assertThat(validate.impact().blockedQueries()).as(figures).isZero();
        assertThat(r.findings()).as(figures).noneMatch(f -> f.statementIndex() != null
                && (f.statementIndex() == select.index() || f.statementIndex() == validate.index()));
        assertThat(lock.impact().blockedQueries()).as(figures).isEqualTo((int) blocked).isGreaterThan(50);
        assertThat(lock.impact().maxBlockedMs()).as(figures).isBetween(700L, 2_000L);
        assertThat(r.findings()).as(figures).anySatisfy(f -> assertThat(f.statementIndex()).isEqualTo(lock.index()));
    }

    @Test
    void concurrentlyInsideAnExplicitTransactionIsReportedAsTheFailureItIs() {
        Report r = run(scenario("concurrently-in-transaction/unsafe.yaml", "payments=10k"));
        assertThat(r.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(r.statements()).anySatisfy(s -> assertThat(s.error()).contains("cannot run inside a transaction block"));
        assertThat(r.findings()).anySatisfy(f -> assertThat(f.rule()).isEqualTo("concurrently-in-transaction"));

        Report safe = run(scenario("concurrently-in-transaction/safe.yaml", "payments=10k"));
        assertThat(safe.statements().get(0).inTransaction()).isFalse();
        assertThat(safe.statements().get(0).error()).isNull();
        assertThat(safe.verdict()).as(safe.verdictReason()).isEqualTo(Verdict.SAFE_TO_SHIP);
    }

    @Test
    void onPostgres10TheCheckShortcutDoesNotExistAndTheRehearsalSaysSo() {
        Scenario base = scenario("set-not-null/safe.yaml", "accounts=50k");
        Scenario pg10 = ScenarioLoader.applyOverrides(base, CliOverrides.NONE.withEngine("postgres:10"));
        Report r = run(pg10);
        assertThat(r.engine().version()).startsWith("10.");
        // SET NOT NULL after a validated CHECK still scans before PostgreSQL 12.
        Report.StatementReport setNotNull = r.statements().get(2);
        assertThat(setNotNull.sql()).contains("SET NOT NULL");
        assertThat(setNotNull.scanned()).containsExactly("accounts");
        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("set-not-null");
            assertThat(f.statementIndex()).isEqualTo(3);
        });
        assertThat(r.verdict()).isNotEqualTo(Verdict.SAFE_TO_SHIP);
        assertThat(r.run().achievedSampleIntervalMs()).isNotNull();
    }
}
