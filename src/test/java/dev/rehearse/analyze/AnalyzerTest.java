package dev.rehearse.analyze;

import dev.rehearse.migrate.TransactionMode;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.dialect.Dialect;
import dev.rehearse.engine.Engines;
import dev.rehearse.migrate.ErrorClass;
import dev.rehearse.model.Verdict;
import dev.rehearse.model.Status;
import dev.rehearse.model.Category;
import dev.rehearse.engine.postgres.PostgresLexer;
import dev.rehearse.load.LoadEvent;
import dev.rehearse.migrate.ExecutedStatement;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationRun;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.StatementProbe;
import dev.rehearse.observe.LockSample;
import dev.rehearse.model.Report;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The judgement on recorded facts, without a database: thresholds, categories, verdict, estimates. */
class AnalyzerTest {

    private static final long MS = 1_000_000L;
    private static final long SESSION = 42;

    private static final Dialect PG16 = Engines.dialect(EngineSpec.parse("postgres:16"));

    private static Migration migration(String sql) {
        return Migration.of("V1__x.sql", Path.of("V1__x.sql"), List.of(new SqlStatement(sql, 3, SqlStatement.Kind.TRANSACTIONAL)), TransactionMode.TRANSACTION, null);
    }

    private static ExecutedStatement statement(Migration m, long startMs, long endMs, StatementProbe.Facts facts) {
        return new ExecutedStatement(1, m, m.statements().get(0), true, startMs * MS, endMs * MS, endMs * MS, null, null, null, null, facts);
    }

    private static Analyzer.Analysis analyze(Scenario scenario, ExecutedStatement s, List<LockSample> samples,
                                             List<LoadEvent> events, boolean load) {
        MigrationRun run = new MigrationRun(SESSION, List.of(s), Map.of("orders", 1_000_000L), List.of(), List.of());
        return new Analyzer(scenario.thresholds()).analyze(new Analyzer.Input(scenario, run, samples, events, load,
                0, 0, 1_000 * MS, PG16));
    }

    private static Scenario scenario(Long productionRows) {
        Scenario d = ScenarioLoader.defaults();
        return new Scenario(d.source(), d.engine(), d.provider(), d.external(), d.schema(),
                new Scenario.Data(1, Map.of("orders", new Scenario.TableData(1_000_000, productionRows))),
                d.load(), false, d.migrations(), d.observe(), d.thresholds(), d.output());
    }

    private static StatementProbe.Facts setNotNullFacts() {
        return new StatementProbe.Facts(List.of(new StatementProbe.HeldLock("orders", "AccessExclusiveLock")),
                List.of(), List.of(), List.of("orders"), List.of(), 4096L);
    }

    @Test
    void aFastScanUnderABlockingLockIsAtLeastFlagBecauseItGrowsWithTheTable() {
        Migration m = migration("ALTER TABLE orders ALTER COLUMN note SET NOT NULL");
        var a = analyze(scenario(null), statement(m, 2_000, 2_050, setNotNullFacts()), List.of(), List.of(), false);
        assertThat(a.verdict()).isEqualTo(Verdict.SAFE_WITH_MODIFICATIONS);
        Report.Finding f = a.findings().get(0);
        assertThat(f.rule()).isEqualTo("set-not-null");
        assertThat(f.category()).isEqualTo(Category.CONSTRAINT_VALIDATION);
        assertThat(f.status()).isEqualTo(Status.FLAG);
        assertThat(f.message()).contains("AccessExclusiveLock on orders for 50 ms", "while scanning orders",
                "50.0 ms per million rows", "grows with the table");
        assertThat(f.action()).contains("CHECK (note IS NOT NULL) NOT VALID", "VALIDATE CONSTRAINT orders_note_not_null",
                "ALTER COLUMN note SET NOT NULL");
        assertThat(a.categories()).hasSize(8).extracting(Report.CategoryResult::category).containsExactly(Category.values());
        assertThat(a.statements().get(0).estimate().productionMs()).isNull();
    }

    @Test
    void theEstimateAtProductionRowsTurnsItIntoABlock() {
        Migration m = migration("ALTER TABLE orders ALTER COLUMN note SET NOT NULL");
        var a = analyze(scenario(500_000_000L), statement(m, 2_000, 2_050, setNotNullFacts()), List.of(), List.of(), false);
        assertThat(a.verdict()).isEqualTo(Verdict.BLOCK);
        Report.Estimate e = a.statements().get(0).estimate();
        assertThat(e.productionMs()).isEqualTo(25_000L); // 50 ms per million × 500 million
        assertThat(a.findings().get(0).message()).contains("about 25.0 s at 500,000,000 rows");
        assertThat(a.reason()).contains("statement 1 (V1__x.sql:3)");
    }

    @Test
    void blockedQueriesAreMeasuredFromTheTimelineAndJudgedByTheThresholds() {
        Migration m = migration("ALTER TABLE orders ADD COLUMN d int");
        ExecutedStatement s = statement(m, 2_000, 4_500, new StatementProbe.Facts(
                List.of(new StatementProbe.HeldLock("orders", "AccessExclusiveLock")), List.of(), List.of(), List.of(),
                List.of(), 100L));
        List<LockSample> samples = new ArrayList<>();
        // Two application sessions wait on the migration: one for about 2.4 s, one for 300 ms.
        for (long t = 2_010; t <= 4_400; t += 10) {
            List<LockSample.SessionLock> locks = new ArrayList<>();
            locks.add(new LockSample.SessionLock(SESSION, "orders", "AccessExclusiveLock", true, List.of(), 1, "ALTER"));
            locks.add(new LockSample.SessionLock(7, "orders", "AccessShareLock", false, List.of(SESSION), 100, "SELECT"));
            if (t < 2_300) locks.add(new LockSample.SessionLock(8, "orders", "RowExclusiveLock", false, List.of(SESSION), 200, "UPDATE"));
            samples.add(new LockSample(t * MS, locks));
        }
        List<LoadEvent> events = List.of(
                new LoadEvent("orders", false, 9, 100 * MS, 100 * MS, 105 * MS, null),
                new LoadEvent("orders", false, 7, 2_010 * MS, 2_010 * MS, 4_500 * MS, null));
        var a = analyze(scenario(null), s, samples, events, true);
        Report.Impact impact = a.statements().get(0).impact();
        // session 7's query from its timestamps (2010 to 4500 ms); session 8 ran no load query: its wait from the samples
        assertThat(impact.blockedQueries()).isEqualTo(2);
        assertThat(impact.maxBlockedMs()).isEqualTo(2_490L);
        assertThat(impact.baselineP99Ms()).isBetween(4.9, 5.1);
        assertThat(a.statements().get(0).locks().get(0).heldMs()).isEqualTo(2_500L);
        assertThat(a.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(a.categories().get(0).status()).isEqualTo(Status.BLOCK);
        assertThat(a.categories().get(0).issue()).contains("2 application queries waited, the longest 24");
    }

    @Test
    void aStatementThatTouchesNothingPopulatedPassesEverything() {
        Migration m = migration("CREATE TABLE audit (id bigint PRIMARY KEY)");
        var a = analyze(scenario(null), statement(m, 2_000, 2_003, new StatementProbe.Facts(List.of(), List.of(),
                List.of(), List.of(), List.of("audit", "audit_pkey"), 200L)), List.of(), List.of(), true);
        assertThat(a.verdict()).isEqualTo(Verdict.SAFE_TO_SHIP);
        assertThat(a.categories()).allMatch(c -> c.status() == Status.PASS);
        assertThat(a.findings()).isEmpty();
    }

    @Test
    void concurrentlyInsideATransactionIsABlockWithTheRewrite() {
        Migration m = migration("CREATE INDEX CONCURRENTLY orders_x ON orders (x)");
        ExecutedStatement failed = new ExecutedStatement(1, m, m.statements().get(0), true, 2_000 * MS, 2_001 * MS,
                2_001 * MS, "ERROR: CREATE INDEX CONCURRENTLY cannot run inside a transaction block", "25001",
                ErrorClass.NOT_IN_TRANSACTION, null, null);
        var a = analyze(scenario(null), failed, List.of(), List.of(), false);
        assertThat(a.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(a.findings().get(0).rule()).isEqualTo("concurrently-in-transaction");
        assertThat(a.findings().get(0).category()).isEqualTo(Category.INDEX_DEPENDENCIES);
    }

    @Test
    void dataLossNeedsDataToLose() {
        Migration drop = migration("ALTER TABLE orders DROP COLUMN note");
        var a = analyze(scenario(null), statement(drop, 2_000, 2_002, new StatementProbe.Facts(
                List.of(new StatementProbe.HeldLock("orders", "AccessExclusiveLock")), List.of(), List.of(), List.of(),
                List.of(), 10L)), List.of(), List.of(), false);
        assertThat(a.findings()).extracting(Report.Finding::rule).containsExactly("drop-column");
        assertThat(a.categories().get(Category.DATA_LOSS.ordinal()).status()).isEqualTo(Status.FLAG);
    }

    @Test
    void largeBackfillsInOneTransactionAreConcurrentWriteHazards() {
        Migration m = migration("UPDATE orders SET note = 'x'");
        ExecutedStatement s = new ExecutedStatement(1, m, m.statements().get(0), true, 2_000 * MS, 9_000 * MS,
                9_000 * MS, null, null, null, 1_000_000L, new StatementProbe.Facts(
                List.of(new StatementProbe.HeldLock("orders", "RowExclusiveLock")), List.of(), List.of(),
                List.of("orders"), List.of(), 50_000_000L));
        var a = analyze(scenario(null), s, List.of(), List.of(), false);
        assertThat(a.findings()).extracting(Report.Finding::rule).contains("unbatched-backfill");
        assertThat(a.categories().get(Category.CONCURRENT_WRITE_HAZARDS.ordinal()).status()).isEqualTo(Status.FLAG);
    }

    @Test
    void waitsAreAttributedToTheStatementDuringWhichTheyBeganWithinOneTransaction() {
        Migration m = Migration.of("V1__x.sql", Path.of("V1__x.sql"), List.of(
                new SqlStatement("ALTER TABLE orders ADD COLUMN d int", 1, SqlStatement.Kind.TRANSACTIONAL),
                new SqlStatement("ALTER TABLE orders DROP CONSTRAINT c", 2, SqlStatement.Kind.TRANSACTIONAL)), TransactionMode.TRANSACTION, null);
        StatementProbe.Facts none = new StatementProbe.Facts(List.of(), List.of(), List.of(), List.of(), List.of(), 0L);
        StatementProbe.Facts ae = new StatementProbe.Facts(
                List.of(new StatementProbe.HeldLock("orders", "AccessExclusiveLock")), List.of(), List.of(), List.of(), List.of(), 0L);
        ExecutedStatement first = new ExecutedStatement(1, m, m.statements().get(0), true, 2_000 * MS, 2_100 * MS, 2_300 * MS, null, null, null, null, ae);
        ExecutedStatement second = new ExecutedStatement(2, m, m.statements().get(1), true, 2_100 * MS, 2_290 * MS, 2_300 * MS, null, null, null, null, none);
        List<LockSample> samples = new ArrayList<>();
        for (long t = 2_050; t <= 2_290; t += 10) {
            samples.add(new LockSample(t * MS, List.of(
                    new LockSample.SessionLock(7, "orders", "AccessShareLock", false, List.of(SESSION), 100, "SELECT"))));
        }
        MigrationRun run = new MigrationRun(SESSION, List.of(first, second), Map.of("orders", 1_000_000L), List.of(), List.of());
        Scenario sc = scenario(null);
        var a = new Analyzer(sc.thresholds()).analyze(new Analyzer.Input(sc, run, samples, List.of(), true,
                0, 0, 1_000 * MS, PG16));
        assertThat(a.statements().get(0).impact().blockedQueries()).isEqualTo(1);
        assertThat(a.statements().get(0).impact().maxBlockedMs()).isEqualTo(250L);
        assertThat(a.statements().get(1).impact().blockedQueries()).isZero();
        assertThat(a.statements().get(0).locks().get(0).heldMs()).isEqualTo(300L); // until the commit
    }

    @Test
    void aPollSentBeforeTheNextStatementButAnsweredAfterItSpeaksOnlyForTheNext() {
        // CompareCliTest on a busy CI runner: a poll left during one statement and read pg_locks after the next had
        // taken its lock; stamped with its sending time alone, the first appeared to hold the second's lock
        Migration m = Migration.of("V1__x.sql", Path.of("V1__x.sql"), List.of(
                new SqlStatement("SET lock_timeout = '2s'", 1, SqlStatement.Kind.TRANSACTIONAL),
                new SqlStatement("CREATE INDEX orders_code ON orders (code)", 2, SqlStatement.Kind.TRANSACTIONAL)), TransactionMode.AUTOCOMMIT, null);
        StatementProbe.Facts none = new StatementProbe.Facts(List.of(), List.of(), List.of(), List.of(), List.of(), 0L);
        ExecutedStatement set = new ExecutedStatement(1, m, m.statements().get(0), false, 2_000 * MS, 2_002 * MS, 2_002 * MS, null, null, null, null, none);
        ExecutedStatement index = new ExecutedStatement(2, m, m.statements().get(1), false, 2_010 * MS, 2_090 * MS, 2_090 * MS, null, null, null, null, none);
        LockSample.SessionLock held = new LockSample.SessionLock(SESSION, "orders", "ShareLock", true, List.of(), 2, "CREATE INDEX");
        MigrationRun run = new MigrationRun(SESSION, List.of(set, index), Map.of("orders", 1_000_000L), List.of(), List.of());
        Scenario sc = scenario(null);
        var a = new Analyzer(sc.thresholds()).analyze(new Analyzer.Input(sc, run, List.of(
                new LockSample(2_005 * MS, 2_018 * MS, List.of(held)), new LockSample(2_020 * MS, 2_021 * MS, List.of(held))),
                List.of(), false, 0, 0, 1_000 * MS, PG16));
        assertThat(a.statements().get(0).locks()).isEmpty();
        assertThat(a.statements().get(1).locks()).extracting(Report.Lock::mode).containsExactly("ShareLock");

        // answered before the CREATE INDEX began, the same poll is the first statement's to account for
        var early = new Analyzer(sc.thresholds()).analyze(new Analyzer.Input(sc, run,
                List.of(new LockSample(2_005 * MS, 2_009 * MS, List.of(held))), List.of(), false, 0, 0, 1_000 * MS, PG16));
        assertThat(early.statements().get(0).locks()).extracting(Report.Lock::mode).containsExactly("ShareLock");
    }

    @Test
    void aLockQueuedForOutsideATransactionAndHeldTooBrieflyToSeeIsTheOneTheWorkloadQueuedBehind() {
        // Prisma's DROP INDEX behind a 3 s reader: it waited for ACCESS EXCLUSIVE on the table, took it for less than
        // an interval; the probe can only say "at least SHARE UPDATE EXCLUSIVE" from what changed, which blocks no
        // reader, so the queue behind the request belonged to nobody (0 blocked queries, though p99 rose to 3 s)
        Migration m = Migration.of("20260101_drop/migration.sql", Path.of("migration.sql"), List.of(
                new SqlStatement("DROP INDEX orders_account_idx", 1, SqlStatement.Kind.TRANSACTIONAL)), TransactionMode.AUTOCOMMIT, null);
        StatementProbe.Facts implied = new StatementProbe.Facts(List.of(), List.of(), List.of(), List.of(), List.of(), 0L,
                List.of(new StatementProbe.HeldLock("orders", "ShareUpdateExclusiveLock")), List.of("orders_account_idx"));
        ExecutedStatement drop = new ExecutedStatement(1, m, m.statements().get(0), false, 2_000 * MS, 3_004 * MS, 3_004 * MS, null, null, null, null, implied);
        List<LockSample> samples = new ArrayList<>();
        for (long t = 2_010; t <= 2_990; t += 10) {
            samples.add(new LockSample(t * MS, List.of(
                    new LockSample.SessionLock(SESSION, "orders", "AccessExclusiveLock", false, List.of(99L), 1, "DROP INDEX"),
                    new LockSample.SessionLock(7, "orders", "AccessShareLock", false, List.of(SESSION), 100, "SELECT"))));
        }
        List<LoadEvent> events = List.of(
                new LoadEvent("orders", false, 9, 100 * MS, 100 * MS, 105 * MS, null),
                new LoadEvent("orders", false, 7, 2_010 * MS, 2_010 * MS, 3_004 * MS, null));
        var a = analyze(scenario(null), drop, samples, events, true);
        Report.StatementReport r = a.statements().get(0);
        assertThat(r.locks()).extracting(Report.Lock::mode).containsExactly("AccessExclusiveLock");
        assertThat(r.locks().get(0).heldMs()).as("taken after the wait, not seen held").isNull();
        assertThat(r.impact().blockedQueries()).isEqualTo(1);
        assertThat(r.impact().maxBlockedMs()).isEqualTo(994L);
    }

    @Test
    void beginAndCommitHoldNoLockOfTheirOwn() {
        // the poll that sees the transaction's SHARE lock during COMMIT (or BEGIN) sees the CREATE INDEX's lock
        Migration m = Migration.of("V1__x.sql", Path.of("V1__x.sql"), List.of(
                new SqlStatement("BEGIN", 1, SqlStatement.Kind.TRANSACTION_CONTROL),
                new SqlStatement("CREATE INDEX orders_code ON orders (code)", 2, SqlStatement.Kind.TRANSACTIONAL),
                new SqlStatement("COMMIT", 3, SqlStatement.Kind.TRANSACTION_CONTROL)), TransactionMode.AUTOCOMMIT, null);
        StatementProbe.Facts share = new StatementProbe.Facts(
                List.of(new StatementProbe.HeldLock("orders", "ShareLock")), List.of(), List.of(), List.of(), List.of(), 0L);
        ExecutedStatement begin = new ExecutedStatement(1, m, m.statements().get(0), true, 2_000 * MS, 2_001 * MS, 2_100 * MS, null, null, null, null, null);
        ExecutedStatement index = new ExecutedStatement(2, m, m.statements().get(1), true, 2_010 * MS, 2_040 * MS, 2_100 * MS, null, null, null, null, share);
        ExecutedStatement commit = new ExecutedStatement(3, m, m.statements().get(2), true, 2_050 * MS, 2_100 * MS, 2_100 * MS, null, null, null, null, null);
        LockSample.SessionLock held = new LockSample.SessionLock(SESSION, "orders", "ShareLock", true, List.of(), 2, "COMMIT");
        MigrationRun run = new MigrationRun(SESSION, List.of(begin, index, commit), Map.of("orders", 1_000_000L), List.of(), List.of());
        Scenario sc = scenario(null);
        var a = new Analyzer(sc.thresholds()).analyze(new Analyzer.Input(sc, run, List.of(
                new LockSample(2_000 * MS, 2_000 * MS, List.of(held)), new LockSample(2_060 * MS, 2_061 * MS, List.of(held))),
                List.of(), false, 0, 0, 1_000 * MS, PG16));
        assertThat(a.statements().get(0).locks()).isEmpty();
        assertThat(a.statements().get(1).locks()).extracting(Report.Lock::heldMs).containsExactly(90L); // until COMMIT ended
        assertThat(a.statements().get(2).locks()).isEmpty();
    }

    @Test
    void runHonoursSuppressionsAndTheProjectExcludeButStillListsTheFinding() {
        Migration m = Migration.of("V1__x.sql", Path.of("V1__x.sql"), List.of(new SqlStatement(
                "ALTER TABLE orders ALTER COLUMN note SET NOT NULL", 3, SqlStatement.Kind.TRANSACTIONAL,
                List.of("-- rehearse:ignore set-not-null orders is small in production too"))), TransactionMode.TRANSACTION, null);
        var a = analyze(scenario(null), statement(m, 2_000, 2_050, setNotNullFacts()), List.of(), List.of(), false);
        assertThat(a.verdict()).isEqualTo(Verdict.SAFE_TO_SHIP);
        Report.Finding f = a.findings().get(0);
        assertThat(f.rule()).isEqualTo("set-not-null");
        assertThat(f.file()).isEqualTo("V1__x.sql");
        assertThat(f.line()).isEqualTo(3);
        assertThat(f.suppressed()).isEqualTo(new Report.Suppressed("statement", "orders is small in production too"));
        assertThat(a.categories().get(Category.CONSTRAINT_VALIDATION.ordinal()).status()).isEqualTo(Status.PASS);

        Migration plain = migration("ALTER TABLE orders ALTER COLUMN note SET NOT NULL");
        MigrationRun run = new MigrationRun(SESSION, List.of(statement(plain, 2_000, 2_050, setNotNullFacts())),
                Map.of("orders", 1_000_000L), List.of(), List.of());
        Scenario sc = scenario(null);
        var excluded = new Analyzer(sc.thresholds(), java.util.Set.of("set-not-null")).analyze(new Analyzer.Input(sc, run,
                List.of(), List.of(), false, 0, 0, 1_000 * MS, PG16));
        assertThat(excluded.verdict()).isEqualTo(Verdict.SAFE_TO_SHIP);
        assertThat(excluded.findings().get(0).suppressed().by()).isEqualTo("config");
    }

    @Test
    void measurementRefutesTheClaimWhenNothingWasScanned() {
        // SET NOT NULL after a validated CHECK on PostgreSQL 12+: the lock, but no scan, so no finding
        Migration m = migration("ALTER TABLE orders ALTER COLUMN note SET NOT NULL");
        StatementProbe.Facts noScan = new StatementProbe.Facts(List.of(new StatementProbe.HeldLock("orders", "AccessExclusiveLock")),
                List.of(), List.of(), List.of(), List.of(), 512L);
        var a = analyze(scenario(500_000_000L), statement(m, 2_000, 2_003, noScan), List.of(), List.of(), false);
        assertThat(a.findings()).isEmpty();
        assertThat(a.verdict()).isEqualTo(Verdict.SAFE_TO_SHIP);
    }

    @Test
    void aWaitOnARelationBelongsToTheStatementHoldingTheStrongestLockOnIt() {
        Migration m = Migration.of("V1__x.sql", Path.of("V1__x.sql"), List.of(
                new SqlStatement("ALTER TABLE orders ADD COLUMN d int", 1, SqlStatement.Kind.TRANSACTIONAL),
                new SqlStatement("UPDATE orders SET d = 1 WHERE id < 100", 2, SqlStatement.Kind.TRANSACTIONAL)), TransactionMode.TRANSACTION, null);
        StatementProbe.Facts ae = new StatementProbe.Facts(
                List.of(new StatementProbe.HeldLock("orders", "AccessExclusiveLock")), List.of(), List.of(), List.of(), List.of(), 0L);
        StatementProbe.Facts rowExclusive = new StatementProbe.Facts(
                List.of(new StatementProbe.HeldLock("orders", "RowExclusiveLock")), List.of(), List.of(), List.of(), List.of(), 0L);
        ExecutedStatement alter = new ExecutedStatement(1, m, m.statements().get(0), true, 2_000 * MS, 2_010 * MS, 4_000 * MS, null, null, null, null, ae);
        ExecutedStatement update = new ExecutedStatement(2, m, m.statements().get(1), true, 2_010 * MS, 3_990 * MS, 4_000 * MS, null, null, null, 99L, rowExclusive);
        List<LockSample> samples = new ArrayList<>();
        for (long t = 2_500; t <= 3_900; t += 10) {
            samples.add(new LockSample(t * MS, List.of(
                    // began during the slow UPDATE, but waits on the ALTER's ACCESS EXCLUSIVE
                    new LockSample.SessionLock(7, "orders", "AccessShareLock", false, List.of(SESSION), 100, "SELECT"),
                    // a row lock wait has no relation: it belongs to the statement running when it began
                    new LockSample.SessionLock(8, null, "ShareLock", false, List.of(SESSION), 200, "UPDATE"))));
        }
        MigrationRun run = new MigrationRun(SESSION, List.of(alter, update), Map.of("orders", 1_000_000L), List.of(), List.of());
        Scenario sc = scenario(null);
        var a = new Analyzer(sc.thresholds()).analyze(new Analyzer.Input(sc, run, samples, List.of(), true,
                0, 0, 1_000 * MS, PG16));
        assertThat(a.statements().get(0).impact().blockedQueries()).isEqualTo(1);
        assertThat(a.statements().get(0).impact().maxBlockedMs()).isEqualTo(1_410L);
        assertThat(a.statements().get(1).impact().blockedQueries()).isEqualTo(1);
        assertThat(a.findings()).anySatisfy(f -> {
            assertThat(f.statementIndex()).isEqualTo(1);
            assertThat(f.message()).contains("AccessExclusiveLock on orders for 2000 ms");
        });
    }

    @Test
    void atA250MsIntervalASelectAndAValidateBeforeALockAreNotBlamedForItsWaits() {
        // autocommit SELECT 1 and VALIDATE (SHARE UPDATE EXCLUSIVE, which no workload query conflicts with), then
        // BEGIN; LOCK TABLE orders IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(1); COMMIT; sampled every 250 ms
        Migration m = Migration.of("V1__x.sql", Path.of("V1__x.sql"), List.of(
                new SqlStatement("SELECT 1", 1, SqlStatement.Kind.TRANSACTIONAL),
                new SqlStatement("ALTER TABLE orders VALIDATE CONSTRAINT c", 2, SqlStatement.Kind.TRANSACTIONAL),
                new SqlStatement("BEGIN", 3, SqlStatement.Kind.TRANSACTION_CONTROL),
                new SqlStatement("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE", 4, SqlStatement.Kind.TRANSACTIONAL),
                new SqlStatement("SELECT pg_sleep(1)", 5, SqlStatement.Kind.TRANSACTIONAL),
                new SqlStatement("COMMIT", 6, SqlStatement.Kind.TRANSACTION_CONTROL)), TransactionMode.AUTOCOMMIT, null);
        StatementProbe.Facts none = new StatementProbe.Facts(List.of(), List.of(), List.of(), List.of(), List.of(), 0L);
        StatementProbe.Facts ae = new StatementProbe.Facts(
                List.of(new StatementProbe.HeldLock("orders", "AccessExclusiveLock")), List.of(), List.of(), List.of(), List.of(), 0L);
        List<ExecutedStatement> run = List.of(
                new ExecutedStatement(1, m, m.statements().get(0), false, 2_000 * MS, 2_001 * MS, 2_001 * MS, null, null, null, null, none),
                new ExecutedStatement(2, m, m.statements().get(1), false, 2_002 * MS, 2_030 * MS, 2_030 * MS, null, null, null, null, none),
                new ExecutedStatement(3, m, m.statements().get(2), false, 2_031 * MS, 2_031 * MS, 2_031 * MS, null, null, null, null, null),
                new ExecutedStatement(4, m, m.statements().get(3), true, 2_032 * MS, 2_033 * MS, 3_050 * MS, null, null, null, null, ae),
                new ExecutedStatement(5, m, m.statements().get(4), true, 2_033 * MS, 3_040 * MS, 3_050 * MS, null, null, null, null, none),
                new ExecutedStatement(6, m, m.statements().get(5), true, 3_045 * MS, 3_050 * MS, 3_050 * MS, null, null, null, null, null));
        List<LockSample> samples = new ArrayList<>();
        // the VALIDATE's lock, seen while it ran
        samples.add(new LockSample(2_010 * MS, List.of(
                new LockSample.SessionLock(SESSION, "orders", "ShareUpdateExclusiveLock", true, List.of(), 1, "ALTER"))));
        // a reader and a writer wait on the LOCK from 2040 ms; the first sample to see them is 2200 ms,
        // within an interval of the SELECT's and the VALIDATE's end
        for (long t = 2_200; t <= 2_950; t += 250) {
            samples.add(new LockSample(t * MS, List.of(
                    new LockSample.SessionLock(SESSION, "orders", "AccessExclusiveLock", true, List.of(), 2, "SELECT pg_sleep(1)"),
                    new LockSample.SessionLock(7, "orders", "AccessShareLock", false, List.of(SESSION), 100, "SELECT"),
                    new LockSample.SessionLock(8, "orders", "RowExclusiveLock", false, List.of(SESSION), 200, "UPDATE"))));
        }
        samples.add(new LockSample(3_200 * MS, List.of()));
        List<LoadEvent> events = List.of(
                new LoadEvent("orders", false, 7, 2_040 * MS, 2_040 * MS, 3_051 * MS, null),
                new LoadEvent("orders", true, 8, 2_041 * MS, 2_041 * MS, 3_051 * MS, null),
                // ran in the SELECT's and the VALIDATE's time, waited on nothing
                new LoadEvent("orders", false, 9, 2_000 * MS, 2_000 * MS, 2_002 * MS, null));
        Scenario sc = scenario(null).withObserve(new Scenario.Observe(250));
        MigrationRun mr = new MigrationRun(SESSION, run, Map.of("orders", 1_000_000L), List.of(), List.of());
        var a = new Analyzer(sc.thresholds()).analyze(new Analyzer.Input(sc, mr, samples, events, true,
                0, 0, 1_000 * MS, PG16));
        for (int i : new int[]{0, 1}) {
            assertThat(a.statements().get(i).impact().blockedQueries()).as("statement %d", i + 1).isZero();
            int index = i + 1;
            assertThat(a.findings()).noneMatch(f -> f.statementIndex() != null && f.statementIndex() == index);
        }
        assertThat(a.statements().get(3).impact().blockedQueries()).isEqualTo(2);
        assertThat(a.statements().get(3).impact().maxBlockedMs()).isEqualTo(1_011L);
        assertThat(a.statements().get(4).impact().blockedQueries()).isZero();
        List<Report.Finding> ofStatements = a.findings().stream().filter(f -> f.statementIndex() != null).toList();
        assertThat(ofStatements).extracting(Report.Finding::statementIndex).containsOnly(4);
        assertThat(ofStatements).anySatisfy(f -> assertThat(f.message())
                .contains("AccessExclusiveLock on orders", "2 application queries waited, the longest 1011 ms"));
    }

    @Test
    void aLockThatConflictsWithNothingTheWaiterAskedForIsNotBlamed() {
        // a VALIDATE's SHARE UPDATE EXCLUSIVE in a transaction: a reader seen waiting with the session among its
        // blockers waits on something else (the sampler missed it); the VALIDATE did not hold it up
        Migration m = migration("ALTER TABLE orders VALIDATE CONSTRAINT c");
        ExecutedStatement s = statement(m, 2_000, 2_500, new StatementProbe.Facts(
                List.of(new StatementProbe.HeldLock("orders", "ShareUpdateExclusiveLock")), List.of(), List.of(),
                List.of("orders"), List.of(), 0L));
        List<LockSample> samples = new ArrayList<>();
        for (long t = 2_100; t <= 2_400; t += 100) {
            samples.add(new LockSample(t * MS, List.of(
                    new LockSample.SessionLock(7, "orders", "AccessShareLock", false, List.of(SESSION), 100, "SELECT"))));
        }
        var a = analyze(scenario(null).withObserve(new Scenario.Observe(100)), s, samples, List.of(), true);
        assertThat(a.statements().get(0).impact().blockedQueries()).isZero();
        assertThat(a.findings()).isEmpty();
    }

    /** by_customer's runs: 100 of 1 ms before the statement (2000-2050 ms), 100 of {@code afterMs} after it. */
    private static List<LoadEvent> byCustomer(long afterMs) {
        List<LoadEvent> out = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long t = (1_000 + i * 5L) * MS;
            out.add(new LoadEvent("orders", false, 7, t, t, t + MS, null, "by_customer"));
            long u = (2_100 + i * 5L) * MS;
            out.add(new LoadEvent("orders", false, 7, u, u, u + afterMs * MS, null, "by_customer"));
        }
        return out;
    }

    private static Report.Finding indexFinding(long afterMs, List<Report.Plan> plans) {
        Scenario sc = scenario(null);
        Migration m = migration("DROP INDEX CONCURRENTLY public.orders_customer_idx");
        MigrationRun run = new MigrationRun(SESSION, List.of(statement(m, 2_000, 2_050, null)), Map.of("orders", 1_000_000L),
                List.of(), List.of());
        var a = new Analyzer(sc.thresholds()).analyze(new Analyzer.Input(sc, run, List.of(), byCustomer(afterMs), true,
                0, 0, 1_000 * MS, PG16, plans));
        return a.findings().stream().filter(f -> f.rule().equals("index-used-by-workload")).findFirst().orElse(null);
    }

    private static final Report.Plan FELL_BACK_TO_INDEX = new Report.Plan("by_customer", List.of("orders_customer_idx"),
            List.of("orders_customer_total_idx"), List.of("Index Scan using orders_customer_idx on orders"),
            List.of("Index Scan using orders_customer_total_idx on orders"), null);

    @Test
    void aDroppedIndexAQueryUsedIsFlagNamingTheQueryAndBlockWhenItsOwnP99Rose() {
        Report.Finding flag = indexFinding(2, List.of(FELL_BACK_TO_INDEX));
        assertThat(flag.status()).isEqualTo(Status.FLAG);
        assertThat(flag.category()).isEqualTo(Category.INDEX_DEPENDENCIES);
        assertThat(flag.message()).isEqualTo("statement 1 (V1__x.sql:3) dropped index orders_customer_idx, which workload"
                + " query by_customer used: planned Index Scan using orders_customer_idx on orders before, Index Scan"
                + " using orders_customer_total_idx on orders after; p99 1.0 ms before the migration, 2.0 ms after");
        Report.Finding block = indexFinding(120, List.of(FELL_BACK_TO_INDEX));
        assertThat(block.status()).isEqualTo(Status.BLOCK);
        assertThat(block.message()).containsPattern("p99 1.0 ms before the migration, 120.[0-9] ms after$");
    }

    @Test
    void aSequentialScanOfAPopulatedTableBlocksAndQueriesThatDidNotUseTheIndexAreNoFinding() {
        Report.Plan seq = new Report.Plan("by_customer", List.of("orders_customer_idx"), List.of(),
                List.of("Bitmap Heap Scan on orders", "Bitmap Index Scan using orders_customer_idx"),
                List.of("Seq Scan on orders"), null);
        Report.Finding f = indexFinding(2, List.of(seq));
        assertThat(f.status()).isEqualTo(Status.BLOCK);
        assertThat(f.message()).contains("Seq Scan on orders after (a sequential scan of populated orders)");
        Report.Plan other = new Report.Plan("by_id", List.of("orders_pkey"), List.of("orders_pkey"),
                List.of("Index Scan using orders_pkey on orders"), List.of("Index Scan using orders_pkey on orders"), null);
        assertThat(indexFinding(120, List.of(other))).isNull();
        assertThat(indexFinding(120, List.of())).isNull();
        assertThat(indexFinding(120, null)).isNull();
    }
}
