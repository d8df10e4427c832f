package dev.rehearse.engine.postgres;

import dev.rehearse.TestMatrix;

import dev.rehearse.analyze.Linter;
import dev.rehearse.analyze.PatternExamples;
import dev.rehearse.dialect.Rule;
import dev.rehearse.analyze.Rules;
import dev.rehearse.migrate.ExecutedStatement;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationRun;
import dev.rehearse.migrate.MigrationRunner;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.StatementProbe;
import dev.rehearse.provision.Database;
import dev.rehearse.model.Report.Finding;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The static rules agree with measurement. For every PostgreSQL rule's bad and safe example (docs/patterns), at
 * PostgreSQL 10, 16 and 18: rehearse the example on a populated baseline with the migration runner and the statement
 * probe, lint the same files at the same version, and assert that
 * <ul>
 *   <li>for every statement lint flags with a claim, the measured lock on the target table (the strongest its
 *       transaction holds by then), rewrite and scan are what the rule claims at that version, or the statement
 *       failed where the rule claims it fails;</li>
 *   <li>every statement lint does not flag with a lock-family rule did not scan or rewrite an existing table
 *       under a lock that blocks reads or writes.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuleMeasurementTest {

    private final Map<Integer, Database> servers = new HashMap<>();

    private Database server(int major) {
        return servers.computeIfAbsent(major, m -> new EmbeddedPostgresProvisioner().start(EngineSpec.parse("postgres:" + m)));
    }

    private final Map<String, Integer> comparedByRule = new java.util.TreeMap<>();

    @AfterAll
    void stop() {
        servers.values().forEach(Database::close);
        System.out.println("rule-vs-measurement comparisons by rule: " + comparedByRule);
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (PatternExamples ex : PatternExamples.all()) {
            if (ex.engine().kind() != EngineSpec.Kind.POSTGRES) continue;
            for (int major : TestMatrix.versions(List.of(10, 16, 18), List.of(16))) {
                for (String form : List.of("bad", "safe")) out.add(Arguments.of(ex, major, form));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {2} at PG {1}")
    @MethodSource("cases")
    void lintClaimsWhatTheRehearsalMeasures(PatternExamples ex, int major, String form) throws Exception {
        Path files = form.equals("bad") ? ex.bad() : ex.safe();
        int required = PatternExamples.requiredMajor(files);
        // Reported as skipped, not passed: nothing was compared at this version.
        assumeTrue(required <= major, () -> "needs postgres " + required + "+");
        EngineSpec spec = EngineSpec.parse("postgres:" + major);
        Database db = server(major);
        reset(db, ex.setup(), major);

        List<Migration> migrations = ex.migrations(files, spec);
        Linter.Result lint = ex.lint(files, spec);
        MigrationRun run;
        try (PostgresStatementProbe probe = new PostgresStatementProbe(db)) {
            run = new MigrationRunner(db, probe,
                    new Scenario.Migrations(List.of(), "sql", Scenario.Transaction.AUTO, null, null), line -> { })
                    .run(migrations);
        }

        int compared = 0;
        List<ExecutedStatement> executed = run.statements();
        for (int i = 0; i < executed.size(); i++) {
            ExecutedStatement s = executed.get(i);
            if (s.statement().kind() == SqlStatement.Kind.TRANSACTION_CONTROL) continue;
            Rule.Words words = new Rule.Words(s.statement().sql(), PostgresLexer.words(s.statement().sql()));
            String table = normal(words.table());
            List<Finding> here = lint.counted().stream()
                    .filter(f -> s.migration().name().equals(f.file()) && Integer.valueOf(s.statement().line()).equals(f.line()))
                    .toList();
            boolean claimed = false, lockFamily = false;
            for (Finding f : here) {
                Rule r = Rules.ALL.stream().filter(x -> x.id().equals(f.rule())).findFirst().orElse(null);
                if (r == null) continue;
                lockFamily |= r.growsWithTable() || r.category() == dev.rehearse.model.Category.DATA_LOSS;
                Rule.Claim claim = r.claim() == null ? null : r.claim().apply(spec, words);
                if (claim == null) continue;
                claimed = true;
                compared++;
                comparedByRule.merge(r.id() + "@" + major, 1, Integer::sum);
                String what = r.id() + " at PG " + major + ": " + s.statement().sql();
                if (claim.fails()) {
                    assertThat(s.error()).as("%s fails", what).isNotNull();
                    continue;
                }
                assertThat(s.error()).as(what).isNull();
                StatementProbe.Facts facts = s.facts();
                if (s.inTransaction()) {
                    assertThat(strongestLock(executed, i, table)).as("lock on %s, %s", table, what).isEqualTo(claim.lock());
                }
                assertThat(facts.rewrote().contains(table)).as("rewrote %s, %s", table, what).isEqualTo(claim.rewrite());
                if (!claim.rewrite()) {
                    assertThat(facts.scanned().contains(table)).as("scanned %s, %s", table, what).isEqualTo(claim.scan());
                }
            }
            if (!claimed && !lockFamily && s.error() == null && s.facts() != null) {
                for (StatementProbe.HeldLock l : s.facts().locksAcquired()) {
                    boolean blocking = PostgresLockModes.of(l.mode()).blocksApplication();
                    boolean populated = run.tableRows().getOrDefault(l.relation(), 0L) > 0;
                    boolean grew = s.facts().rewrote().contains(l.relation()) || s.facts().scanned().contains(l.relation());
                    assertThat(blocking && populated && grew)
                            .as("lint found nothing, but at PG %d %s %s %s under %s", major, s.statement().sql(),
                                    s.facts().rewrote().contains(l.relation()) ? "rewrote" : "scanned", l.relation(), l.mode())
                            .isFalse();
                }
            }
        }
        if (form.equals("bad")) {
            Rule rule = Rules.byId(ex.rule());
            boolean flagged = lint.counted().stream().anyMatch(f -> f.rule().equals(rule.id()));
            if (rule.claim() != null && flagged) {
                assertThat(compared).as("claims compared with measurement").isPositive();
            }
        }
    }

    /** The strongest lock on the table that the statement's transaction holds once the statement has run. */
    private static String strongestLock(List<ExecutedStatement> executed, int i, String table) {
        ExecutedStatement s = executed.get(i);
        String best = null;
        for (int j = i; j >= 0; j--) {
            ExecutedStatement x = executed.get(j);
            if (j < i && !(x.inTransaction() && x.transactionEndNanos() == s.transactionEndNanos())) break;
            if (x.facts() == null) continue;
            for (StatementProbe.HeldLock l : x.facts().locksAcquired()) {
                if (l.relation().equals(table) && (best == null || PostgresLockModes.of(l.mode()).rank() > PostgresLockModes.of(best).rank())) best = l.mode();
            }
        }
        return best;
    }

    private static void reset(Database db, Path setup, int major) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS public CASCADE");
            st.execute("CREATE SCHEMA public");
            if (setup != null) {
                for (SqlStatement s : new PostgresSplitter(major).split(Files.readString(setup))) st.execute(s.sql());
            }
            st.execute("ANALYZE");
        }
    }

    private static String normal(String name) {
        int dot = name.lastIndexOf('.');
        return (dot >= 0 ? name.substring(dot + 1) : name).toLowerCase(java.util.Locale.ROOT);
    }
}
