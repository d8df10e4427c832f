package dev.rehearse.engine.postgres;

import dev.rehearse.analyze.Analyzer;
import dev.rehearse.engine.Engines;
import dev.rehearse.model.Report;
import dev.rehearse.observe.LockSample;
import dev.rehearse.observe.LockSampler;
import dev.rehearse.observe.Timeline;
import dev.rehearse.scenario.ScenarioLoader;
import dev.rehearse.migrate.SqlMigrationSource;
import dev.rehearse.migrate.ExecutedStatement;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationRun;
import dev.rehearse.migrate.MigrationRunner;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.StatementProbe;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What the migration runner and PostgreSQL's statement probe record for the common ALTER TABLE /
 * CREATE INDEX / constraint operations, checked against what PostgreSQL does at 10 and 16.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresStatementBehaviourTest {

    private final Map<Integer, Database> servers = new HashMap<>();

    private Database server(int major) {
        return servers.computeIfAbsent(major,
                m -> new EmbeddedPostgresProvisioner().start(EngineSpec.parse("postgres:" + m)));
    }

    @AfterAll
    void stopServers() {
        servers.values().forEach(Database::close);
    }

    private void resetTables(Database db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS t, t2, p CASCADE");
            s.execute("CREATE TABLE p (id int PRIMARY KEY)");
            s.execute("INSERT INTO p SELECT g FROM generate_series(1, 20000) g");
            s.execute("CREATE TABLE t (id bigint PRIMARY KEY, a int, b text, c varchar(20))");
            s.execute("INSERT INTO t SELECT g, g, 'x' || g, 'y' FROM generate_series(1, 20000) g");
            s.execute("ANALYZE t");
            s.execute("ANALYZE p");
        }
    }

    private MigrationRun run(Database db, Scenario.Transaction mode, Integer lockTimeoutMs, String... statements) {
        return run(db, new PostgresStatementProbe(db), mode, lockTimeoutMs, statements);
    }

    private MigrationRun run(Database db, StatementProbe probe, Scenario.Transaction mode, Integer lockTimeoutMs,
                             String... statements) {
        List<SqlStatement> parsed = new ArrayList<>();
        for (String sql : statements) parsed.add(new SqlStatement(sql, 1, kindOf(sql)));
        Migration m = Migration.of("V1__test.sql", Path.of("V1__test.sql"), parsed, SqlMigrationSource.mode(mode, parsed), null);
        try (probe) {
            MigrationRun run = new MigrationRunner(db, probe,
                    new Scenario.Migrations(List.of(), "sql", mode, lockTimeoutMs, null), line -> { })
                    .run(List.of(m));
            lastCost = probe.cost();
            return run;
        }
    }

    private StatementProbe.Cost lastCost;

    private static SqlStatement.Kind kindOf(String sql) {
        String u = sql.toUpperCase();
        if (u.equals("BEGIN") || u.equals("COMMIT")) return SqlStatement.Kind.TRANSACTION_CONTROL;
        if (u.contains("CONCURRENTLY") || u.startsWith("VACUUM")) return SqlStatement.Kind.NON_TRANSACTIONAL;
        return SqlStatement.Kind.TRANSACTIONAL;
    }

    record Case(String sql, String lockOnT, boolean rewritesT, boolean scansT, String setup) {}

    static Stream<Arguments> operations() {
        List<Arguments> out = new ArrayList<>();
        for (int major : List.of(10, 16)) {
            boolean pre11 = major < 11;
            boolean pre12 = major < 12;
            List<Case> cases = List.of(
                    new Case("ALTER TABLE t ADD COLUMN d int", "AccessExclusiveLock", false, false, null),
                    // PostgreSQL 11 made non-volatile defaults free; before, any default rewrote the table.
                    new Case("ALTER TABLE t ADD COLUMN d int DEFAULT 0", "AccessExclusiveLock", pre11, false, null),
                    new Case("ALTER TABLE t ADD COLUMN d timestamptz DEFAULT clock_timestamp()", "AccessExclusiveLock", true, false, null),
                    new Case("ALTER TABLE t ALTER COLUMN a SET NOT NULL", "AccessExclusiveLock", false, true, null),
                    // 12+ skips the scan when a valid CHECK (a IS NOT NULL) proves it.
                    new Case("ALTER TABLE t ALTER COLUMN a SET NOT NULL", "AccessExclusiveLock", false, pre12,
                            "ALTER TABLE t ADD CONSTRAINT a_nn CHECK (a IS NOT NULL)"),
                    new Case("ALTER TABLE t ALTER COLUMN a TYPE bigint", "AccessExclusiveLock", true, false, null),
                    new Case("ALTER TABLE t ALTER COLUMN c TYPE varchar(50)", "AccessExclusiveLock", false, false, null),
                    new Case("ALTER TABLE t ALTER COLUMN c TYPE text", "AccessExclusiveLock", false, false, null),
                    new Case("ALTER TABLE t ALTER COLUMN a SET DEFAULT 5", "AccessExclusiveLock", false, false, null),
                    new Case("ALTER TABLE t DROP COLUMN b", "AccessExclusiveLock", false, false, null),
                    new Case("ALTER TABLE t RENAME COLUMN b TO b2", "AccessExclusiveLock", false, false, null),
                    new Case("CREATE INDEX t_a_idx ON t (a)", "ShareLock", false, true, null),
                    new Case("ALTER TABLE t ADD CONSTRAINT a_pos CHECK (a > 0)", "AccessExclusiveLock", false, true, null),
                    new Case("ALTER TABLE t ADD CONSTRAINT a_pos CHECK (a > 0) NOT VALID", "AccessExclusiveLock", false, false, null),
                    new Case("ALTER TABLE t VALIDATE CONSTRAINT a_pos", "ShareUpdateExclusiveLock", false, true,
                            "ALTER TABLE t ADD CONSTRAINT a_pos CHECK (a > 0) NOT VALID"),
                    new Case("ALTER TABLE t ADD CONSTRAINT t_a_fk FOREIGN KEY (a) REFERENCES p (id)", "ShareRowExclusiveLock", false, true, null),
                    new Case("ALTER TABLE t ADD CONSTRAINT t_a_fk FOREIGN KEY (a) REFERENCES p (id) NOT VALID", "ShareRowExclusiveLock", false, false, null),
                    new Case("ALTER TABLE t ADD CONSTRAINT t_b_key UNIQUE (b)", "AccessExclusiveLock", false, true, null),
                    new Case("ALTER TABLE t SET (fillfactor = 70)", "ShareUpdateExclusiveLock", false, false, null),
                    new Case("ALTER TABLE t ALTER COLUMN a SET STATISTICS 500", "ShareUpdateExclusiveLock", false, false, null),
                    new Case("CLUSTER t USING t_pkey", "AccessExclusiveLock", true, false, null),
                    new Case("ALTER TABLE t DISABLE TRIGGER ALL", "ShareRowExclusiveLock", false, false, null));
            for (Case c : cases) out.add(Arguments.of(major, c));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "PG {0}: {1}")
    @MethodSource("operations")
    void locksRewritesAndScansMatchPostgres(int major, Case c) throws Exception {
        Database db = server(major);
        resetTables(db);
        if (c.setup() != null) {
            try (Connection conn = db.connect(); Statement s = conn.createStatement()) {
                s.execute(c.setup());
            }
        }
        MigrationRun result = run(db, Scenario.Transaction.AUTO, null, c.sql());
        ExecutedStatement s = result.statements().get(0);
        assertThat(s.error()).isNull();
        assertThat(s.inTransaction()).isTrue();
        StatementProbe.Facts f = s.facts();
        assertThat(f.locksAcquired()).contains(new StatementProbe.HeldLock("t", c.lockOnT()));
        // The strongest lock on t is the expected one, not something stronger alongside it.
        assertThat(f.locksAcquired().stream().filter(l -> l.relation().equals("t")).map(StatementProbe.HeldLock::mode))
                .allMatch(m -> rank(m) <= rank(c.lockOnT()));
        assertThat(f.rewrote().contains("t")).as("rewrote t").isEqualTo(c.rewritesT());
        assertThat(f.scanned().contains("t")).as("scanned t").isEqualTo(c.scansT() || c.rewritesT() && f.scanned().contains("t"));
        assertThat(f.walBytes()).isNotNull().isGreaterThanOrEqualTo(0L);
        assertThat(result.tableRows()).containsEntry("t", 20000L);
    }

    private static int rank(String mode) {
        return PostgresLockModes.of(mode).rank();
    }

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(ints = {10, 16})
    void alterTypeRebuildsDependentIndexesAndSeparatesThemFromTableRewrites(int major) throws Exception {
        Database db = server(major);
        resetTables(db);
        try (Connection conn = db.connect(); Statement s = conn.createStatement()) {
            s.execute("CREATE INDEX t_a_idx ON t (a)");
        }
        ExecutedStatement s = run(db, Scenario.Transaction.AUTO, null, "ALTER TABLE t ALTER COLUMN a TYPE bigint")
                .statements().get(0);
        assertThat(s.facts().rewrote()).containsExactly("t");
        assertThat(s.facts().indexesRebuilt()).contains("t_a_idx", "t_pkey");

        resetTables(db);
        try (Connection conn = db.connect(); Statement st = conn.createStatement()) {
            st.execute("CREATE INDEX t_a_idx ON t (a)");
        }
        s = run(db, Scenario.Transaction.AUTO, null, "REINDEX INDEX t_a_idx").statements().get(0);
        assertThat(s.facts().rewrote()).isEmpty();
        assertThat(s.facts().indexesRebuilt()).containsExactly("t_a_idx");
    }

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(ints = {10, 16})
    void concurrentlyRunsOutsideATransactionButFailsInsideOne(int major) throws Exception {
        Database db = server(major);
        resetTables(db);
        ExecutedStatement ok = run(db, Scenario.Transaction.AUTO, null, "CREATE INDEX CONCURRENTLY t_a_idx ON t (a)")
                .statements().get(0);
        assertThat(ok.error()).isNull();
        assertThat(ok.inTransaction()).isFalse();
        assertThat(ok.facts().created()).contains("t_a_idx");
        assertThat(ok.facts().scanned()).contains("t");

        resetTables(db);
        MigrationRun wrapped = run(db, Scenario.Transaction.AUTO, null,
                "BEGIN", "CREATE INDEX CONCURRENTLY t_a_idx ON t (a)", "COMMIT");
        ExecutedStatement failed = wrapped.statements().stream().filter(ExecutedStatement::failed).findFirst().orElseThrow();
        assertThat(failed.sqlState()).isEqualTo("25001");
        assertThat(failed.error()).contains("cannot run inside a transaction block");
        assertThat(wrapped.statements()).hasSize(2); // COMMIT never ran: the run stopped at the failure

        resetTables(db);
        MigrationRun always = run(db, Scenario.Transaction.ALWAYS, null, "CREATE INDEX CONCURRENTLY t_a_idx ON t (a)");
        assertThat(always.statements().get(0).sqlState()).isEqualTo("25001");

        // under a wrapping tool, the script's COMMIT ends the tool's transaction: CONCURRENTLY then runs, as lint says
        resetTables(db);
        MigrationRun reopened = run(db, Scenario.Transaction.ALWAYS, null,
                "UPDATE t SET a = a WHERE id = 1", "COMMIT", "CREATE INDEX CONCURRENTLY t_a_idx ON t (a)", "BEGIN",
                "UPDATE t SET a = a WHERE id = 2");
        assertThat(reopened.statements()).noneMatch(ExecutedStatement::failed);
        assertThat(reopened.statements()).extracting(ExecutedStatement::inTransaction)
                .containsExactly(true, true, false, false, true); // a BEGIN itself runs outside the transaction it opens
    }

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(ints = {10, 16})
    void aFailingStatementStopsTheRunAndRollsBackItsTransaction(int major) throws Exception {
        Database db = server(major);
        resetTables(db);
        MigrationRun result = run(db, Scenario.Transaction.AUTO, null,
                "ALTER TABLE t ADD COLUMN d int", "ALTER TABLE t ADD CONSTRAINT a_neg CHECK (a < 0)",
                "ALTER TABLE t ADD COLUMN e int");
        assertThat(result.statements()).hasSize(2);
        ExecutedStatement failed = result.statements().get(1);
        assertThat(failed.sqlState()).isEqualTo("23514");
        assertThat(failed.facts()).isNull();
        assertThat(result.partiallyApplied()).isEmpty(); // one transaction: nothing stayed
        try (Connection c = db.connect(); var rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM information_schema.columns WHERE table_name = 't' AND column_name = 'd'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }

        resetTables(db);
        MigrationRun autocommit = run(db, Scenario.Transaction.NEVER, null,
                "ALTER TABLE t ADD COLUMN d int", "ALTER TABLE t ADD CONSTRAINT a_neg CHECK (a < 0)");
        assertThat(autocommit.partiallyApplied()).hasSize(1);
    }

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(ints = {10, 16})
    void lockTimeoutAppliesToTheMigrationSession(int major) throws Exception {
        Database db = server(major);
        resetTables(db);
        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("SELECT count(*) FROM t"); // AccessShareLock until rollback
            MigrationRun result = run(db, Scenario.Transaction.AUTO, 300, "ALTER TABLE t ADD COLUMN d int");
            ExecutedStatement s = result.statements().get(0);
            assertThat(s.sqlState()).isEqualTo("55P03");
            assertThat((s.endNanos() - s.startNanos()) / 1e6).isBetween(250.0, 5_000.0);
            holder.rollback();
        }
    }

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(ints = {10, 16})
    void rowsAffectedIsCountedForDmlOnly(int major) throws Exception {
        Database db = server(major);
        resetTables(db);
        MigrationRun result = run(db, Scenario.Transaction.AUTO, null,
                "UPDATE t SET b = 'z' WHERE id <= 1500", "ALTER TABLE t ADD COLUMN d int");
        assertThat(result.statements().get(0).rowsAffected()).isEqualTo(1500L);
        assertThat(result.statements().get(1).rowsAffected()).isNull();
    }

    private static Analyzer.Analysis analyze(Database db, MigrationRun run, List<LockSample> samples, long origin) {
        Scenario scenario = ScenarioLoader.defaults();
        return new Analyzer(scenario.thresholds()).analyze(new Analyzer.Input(scenario, run, samples, List.of(), false,
                origin, 0, 0, Engines.dialect(EngineSpec.parse("postgres:" + db.version().major()))));
    }

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(ints = {10, 16})
    void aTypeChangeIsReportedWithItsStrongestLockNotTheIndexRebuildsShareLock(int major) throws Exception {
        Database db = server(major);
        resetTables(db);
        MigrationRun run = run(db, Scenario.Transaction.AUTO, null, "ALTER TABLE t ALTER COLUMN a TYPE bigint");
        Analyzer.Analysis a = analyze(db, run, List.of(), 0);
        assertThat(a.statements().get(0).locks()).extracting(Report.Lock::mode).contains("AccessExclusiveLock");
        String message = a.findings().stream().filter(f -> f.statementIndex() != null).findFirst().orElseThrow().message();
        assertThat(message).contains("held AccessExclusiveLock on t").doesNotContain("held ShareLock");
    }

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(ints = {10, 16})
    void aRenamedTableReportsItsLockUnderTheNameItHad(int major) throws Exception {
        Database db = server(major);
        resetTables(db);
        MigrationRun run = run(db, Scenario.Transaction.AUTO, null, "ALTER TABLE t RENAME TO t2");
        assertThat(run.statements().get(0).facts().locksAcquired())
                .contains(new StatementProbe.HeldLock("t", "AccessExclusiveLock"));
        assertThat(analyze(db, run, List.of(), 0).statements().get(0).locks())
                .extracting(Report.Lock::relation, Report.Lock::mode).contains(tuple("t", "AccessExclusiveLock"));
    }

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(ints = {10, 16})
    void aFastDropIndexConcurrentlyStillReportsTheLockItsChangeTakes(int major) throws Exception {
        Database db = server(major);
        resetTables(db);
        try (Connection conn = db.connect(); Statement st = conn.createStatement()) {
            st.execute("CREATE INDEX t_a_idx ON t (a)");
        }
        MigrationRun run = run(db, Scenario.Transaction.AUTO, null, "DROP INDEX CONCURRENTLY t_a_idx");
        ExecutedStatement s = run.statements().get(0);
        assertThat(s.error()).isNull();
        assertThat(s.inTransaction()).isFalse();
        assertThat(s.facts().locksImplied()).containsExactly(new StatementProbe.HeldLock("t", "ShareUpdateExclusiveLock"));
        // no sample caught it: the lock is reported, its hold time is not measured
        List<Report.Lock> locks = analyze(db, run, List.of(), 0).statements().get(0).locks();
        assertThat(locks).containsExactly(new Report.Lock("t", "ShareUpdateExclusiveLock", "none", null));
    }

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(ints = {10, 16})
    void indexesWhoseStorageIsKeptAreNotRebuilt(int major) throws Exception {
        Database db = server(major);
        for (String sql : List.of("ALTER TABLE t ALTER COLUMN c TYPE varchar(50)", "ALTER TABLE t ALTER COLUMN c TYPE text")) {
            resetTables(db);
            try (Connection conn = db.connect(); Statement st = conn.createStatement()) {
                st.execute("CREATE INDEX t_c_idx ON t (c)");
            }
            ExecutedStatement s = run(db, Scenario.Transaction.AUTO, null, sql).statements().get(0);
            assertThat(s.error()).isNull();
            assertThat(s.facts().indexesRebuilt()).as(sql).isEmpty();
            assertThat(s.facts().created()).as(sql).doesNotContain("t_c_idx");
            assertThat(s.facts().rewrote()).as(sql).isEmpty();
        }
        resetTables(db);
        try (Connection conn = db.connect(); Statement st = conn.createStatement()) {
            st.execute("CREATE INDEX t_a_idx ON t (a)");
        }
        ExecutedStatement s = run(db, Scenario.Transaction.AUTO, null, "ALTER TABLE t ALTER COLUMN a TYPE bigint")
                .statements().get(0);
        assertThat(s.facts().indexesRebuilt()).contains("t_a_idx");
    }

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(ints = {10, 16})
    void anEstimateBehindABlockerScalesOnlyTheWork(int major) throws Exception {
        Database db = server(major);
        resetTables(db);
        Timeline timeline = new Timeline();
        MigrationRun run;
        try (LockSampler sampler = new LockSampler(db, new PostgresLockProbe(), timeline, 50).start();
             Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("SELECT count(*) FROM t"); // AccessShareLock: SET NOT NULL queues behind it
            // the 2 s count from the moment the ALTER queues, not from when this thread starts: on a busy machine
            // the migration may reach the server well after it
            Thread release = new Thread(() -> {
                try (Connection watch = db.connect(); Statement w = watch.createStatement()) {
                    while (true) {
                        try (var rs = w.executeQuery("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 't'::regclass")) {
                            rs.next();
                            if (rs.getLong(1) > 0) break;
                        }
                        Thread.sleep(5);
                    }
                    Thread.sleep(2_000);
                    holder.rollback();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            release.start();
            run = run(db, Scenario.Transaction.AUTO, null, "ALTER TABLE t ALTER COLUMN a SET NOT NULL");
            release.join();
            Thread.sleep(100);
        }
        ExecutedStatement s = run.statements().get(0);
        long durationMs = (s.endNanos() - s.startNanos()) / 1_000_000;
        assertThat(durationMs).isGreaterThanOrEqualTo(1_900);
        Report.StatementReport r = analyze(db, run, timeline.lockSamples(), timeline.origin()).statements().get(0);
        assertThat(r.lockWaitMs()).isBetween(1_800L, durationMs);
        Report.Estimate e = r.estimate();
        assertThat(e).isNotNull();
        assertThat(e.workMs()).isCloseTo(durationMs - r.lockWaitMs(), org.assertj.core.data.Offset.offset(2L))
                .isLessThan(500L);
        // 20,000 rows: the work, not the 2 s wait, per million rows
        assertThat(e.msPerMillionRows()).isLessThan(500 / 0.02);
        assertThat(r.locks()).extracting(Report.Lock::heldMs).allMatch(h -> h != null && h < 500);
    }

    /**
     * Measuring must not change the measured: a 1-row ADD COLUMN in its own transaction holds ACCESS EXCLUSIVE
     * about as long as it runs and commits, not as long as the probe's reads after it take. The floor is the same
     * statement under a probe that reads nothing (what the runner and the commit take).
     */
    @ParameterizedTest(name = "PG {0}")
    @ValueSource(ints = {10, 16})
    void theProbeBarelyLengthensTheLockItMeasures(int major) throws Exception {
        Database db = server(major);
        List<Double> extra = new ArrayList<>(), floor = new ArrayList<>(), durations = new ArrayList<>(),
                probeMs = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            for (boolean probed : List.of(true, false)) {
                try (Connection conn = db.connect(); Statement st = conn.createStatement()) {
                    st.execute("DROP TABLE IF EXISTS t, t2, p CASCADE");
                    st.execute("CREATE TABLE t (id int PRIMARY KEY)");
                    st.execute("INSERT INTO t VALUES (1)");
                }
                StatementProbe probe = probed ? new PostgresStatementProbe(db) : new NothingProbe();
                ExecutedStatement s = run(db, probe, Scenario.Transaction.ALWAYS, null, "ALTER TABLE t ADD COLUMN c int")
                        .statements().get(0);
                assertThat(s.error()).isNull();
                // held - duration: what follows the statement in its transaction, the probe's after() and the commit
                double afterMs = (s.transactionEndNanos() - s.endNanos()) / 1e6;
                if (!probed) {
                    floor.add(afterMs);
                    continue;
                }
                assertThat(s.facts().locksAcquired()).contains(new StatementProbe.HeldLock("t", "AccessExclusiveLock"));
                durations.add((s.endNanos() - s.startNanos()) / 1e6);
                extra.add(afterMs);
                assertThat(lastCost.statements()).isEqualTo(1);
                assertThat(lastCost.totalMs()).isPositive().isEqualTo(lastCost.maxMs()).isEqualTo(lastCost.inTransactionMs());
                probeMs.add(lastCost.totalMs());
            }
        }
        System.out.printf(java.util.Locale.ROOT, "PG %d: ADD COLUMN duration median %.2f ms; held - duration median %.2f ms"
                        + " (max %.2f), without a probe %.2f ms; probe per statement (before + after) median %.2f ms%n",
                major, median(durations), median(extra), extra.stream().mapToDouble(d -> d).max().orElseThrow(),
                median(floor), median(probeMs));
        assertThat(median(extra) - median(floor)).isLessThan(4.0);
    }

    private static double median(List<Double> xs) {
        return xs.stream().sorted().toList().get(xs.size() / 2);
    }

    /** Reads nothing: the runner and the commit alone. */
    private static final class NothingProbe implements StatementProbe {
        public long sessionId(Connection c) { return 0; }
        public void prepareSession(Connection c, Integer lockTimeoutMs, Integer statementTimeoutMs) { }
        public Map<String, Long> tableRows(Connection c) { return Map.of(); }
        public Snapshot before(Connection c, boolean inTransaction) { return new Snapshot() { }; }
        public dev.rehearse.migrate.ErrorClass classify(java.sql.SQLException e) { return null; }
        public Facts after(Connection c, Snapshot before, boolean inTransaction) {
            return new Facts(List.of(), List.of(), List.of(), List.of(), List.of(), null);
        }
    }

    @BeforeEach
    void noop() {
        // servers start lazily per major version and are shared by all tests of this class
    }
}
