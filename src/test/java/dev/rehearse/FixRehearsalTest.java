package dev.rehearse;

import dev.rehearse.analyze.Linter;
import dev.rehearse.engine.Engines;
import dev.rehearse.fix.FileChange;
import dev.rehearse.fix.Fixer;
import dev.rehearse.fix.MigrationWriter;
import dev.rehearse.fix.MigrationWriters;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.MigrationSources;
import dev.rehearse.model.Report;
import dev.rehearse.model.Verdict;
import dev.rehearse.scenario.CliOverrides;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ScenarioLoader;
import dev.rehearse.scenario.ScenarioPair;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fix proven on a real server (embedded PostgreSQL 16): each scenario pair's unsafe migrations (scenarios/&lt;name&gt;/
 * unsafe.yaml, whose rule has a mechanical rewrite) fixed in a format, and both sets rehearsed by {@link FixRehearsal}
 * on the same seed and workload: the original must not ship, the fixed set must be SAFE TO SHIP with no statement
 * failing. {@code verify} rehearses one pair in one format (the volatile default, in Flyway: a batched backfill that
 * commits per batch, run with executeInTransaction=false, then NOT NULL the safe way); {@code -Pslow} every pair and
 * every fix proof ({@link #PROOF_RULES}) in every format the fix writes. missing-lock-timeout's proof also asserts
 * how it ships: tries that gave up at the short lock_timeout, then the retry ({@link #assertRetriedPastTheReader}).
 */
class FixRehearsalTest {

    /** The pairs whose rule has a mechanical rewrite (alter-column-type, reindex and validate-in-same-transaction do not yet). */
    static final List<String> FIXED_PAIRS = List.of("set-not-null", "add-column-volatile-default", "add-check-validated",
            "add-foreign-key", "add-unique-without-index", "create-index", "concurrently-in-transaction");

    /**
     * Rules with a mechanical rewrite and no scenario pair: their unsafe forms live under src/test/resources/fix-proof/
     * &lt;rule&gt;/ (not scenarios/, whose pairs ScenarioPairsTest samples), sized by the yaml itself, and only -Pslow
     * rehearses them.
     */
    static final Path PROOFS = Path.of("src/test/resources/fix-proof");
    static final List<String> PROOF_RULES = List.of("drop-index-non-concurrent", "unbatched-backfill", "missing-lock-timeout");

    static Stream<Arguments> cases() {
        List<Arguments> full = new ArrayList<>();
        for (String pair : FIXED_PAIRS) for (String format : MigrationWriters.names()) full.add(Arguments.of(pair, format));
        for (String rule : PROOF_RULES) for (String format : MigrationWriters.names()) full.add(Arguments.of(rule, format));
        // -Drehearse.fix.pair=NAME[,NAME] / -Drehearse.fix.format=FORMAT[,FORMAT]: that part of the full matrix
        String pair = System.getProperty("rehearse.fix.pair"), format = System.getProperty("rehearse.fix.format");
        if (pair != null || format != null) {
            return full.stream().filter(a -> (pair == null || List.of(pair.split(",")).contains(a.get()[0]))
                    && (format == null || List.of(format.split(",")).contains(a.get()[1])));
        }
        return TestMatrix.versions(full, List.of(Arguments.of("add-column-volatile-default", "flyway"))).stream();
    }

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void theFixedSetShipsAndTheOriginalDoesNot(String name, String format) throws IOException {
        boolean proof = PROOF_RULES.contains(name);
        ScenarioPair pair = proof ? new ScenarioPair(name, PROOFS.resolve(name), name)
                : ScenarioPair.discover().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
        Scenario base = ScenarioLoader.load(pair.unsafe());
        // small tables keep the default run short; the verdicts do not depend on the size here (a fix proof's yaml
        // is sized for its rule: a backfill needs rows enough that its row locks hold the workload back)
        List<String> rows = base.data().tables().keySet().stream()
                .map(t -> t + "=" + (proof ? base.data().tables().get(t).rows() : Math.min(20_000, base.data().tables().get(t).rows()))).toList();
        Scenario s = ScenarioLoader.applyOverrides(base, CliOverrides.NONE.withRows(rows));
        Path dir = tmp.resolve("migrations");
        Files.createDirectories(dir);
        for (Path p : base.migrations().paths()) {
            try (Stream<Path> files = Files.list(p)) {
                for (Path f : files.toList()) dev.rehearse.fix.FixGoldenTestLayout.place(format, f, dir, f.getFileName().toString());
            }
        }
        s = s.withMigrations(s.migrations().at(List.of(dir), format));

        List<Migration> ms = read(s, dir, format);
        Fixer.Result all = fixedBy(s, ms, pair.rule());
        MigrationWriter w = MigrationWriters.forFormat(format);
        Fixer.Result fix = MigrationWriters.writable(all, w, ms);
        if (fix.files().isEmpty()) {
            // the format's tool cannot run this rewrite as intended (Drizzle: one transaction for every pending
            // migration): it is refused in one line, never written and so never rehearsed as a fix
            assertThat(fix.notFixed()).as("refused").anySatisfy(n -> assertThat(n.rule()).isEqualTo(pair.rule()));
            // and the refusal is honest: the rewrite written all the same does not ship under the tool
            List<FileChange> anyway = new ArrayList<>();
            for (Fixer.FileFix f : all.files()) anyway.addAll(w.write(f, ms));
            Report refused = FixRehearsal.run(s, List.of(dir), anyway, null, Set.of(), line -> { }, Set.of()).fixed();
            assertThat(refused.verdict()).as("the refused rewrite, rehearsed: " + refused.verdictReason())
                    .isNotEqualTo(Verdict.SAFE_TO_SHIP);
            return;
        }
        List<FileChange> changes = new ArrayList<>();
        changes.addAll(w.write(fix.files(), ms));

        FixRehearsal.Outcome o = FixRehearsal.run(s, List.of(dir), changes, null, Set.of(), line -> { }, Set.of());
        // what each set measured, for the README's fix section (no assertion on it beyond the verdicts below)
        System.out.printf("%s as %s: original %s %s, longest queued query %d ms; fixed %s %s, %d ms%n", name, format,
                o.original().verdict(), o.original().findings().stream().map(f -> f.status() + " " + f.rule()).toList(),
                maxBlocked(o.original()), o.fixed().verdict(),
                o.fixed().findings().stream().map(f -> f.status() + " " + f.rule()).toList(), maxBlocked(o.fixed()));
        assertThat(o.original().verdict()).as(o.original().verdictReason()).isNotEqualTo(Verdict.SAFE_TO_SHIP);
        Report fixed = o.fixed();
        if (name.equals("missing-lock-timeout")) assertRetriedPastTheReader(o.original(), fixed);
        assertThat(fixed.verdict()).as(fixed.verdictReason() + " " + fixed.findings()).isEqualTo(Verdict.SAFE_TO_SHIP);
        assertThat(fixed.statements()).allSatisfy(st -> assertThat(st.error()).as(st.sql()).isNull());
        // a Rails fix may send the same SQL outside the transaction (disable_ddl_transaction!): the mode is part of it
        assertThat(fixed.statements().stream().map(st -> st.sql() + (st.inTransaction() ? "" : " -- autocommit")).toList())
                .as("the fixed set rehearsed is the fix, not the original")
                .isNotEqualTo(o.original().statements().stream().map(st -> st.sql() + (st.inTransaction() ? "" : " -- autocommit")).toList());
        // the user's files are untouched until the fix is proven and written
        for (FileChange c : changes) {
            if (c.before() == null) assertThat(c.path()).doesNotExist();
            else assertThat(Files.readString(c.path())).isEqualTo(c.before());
        }
    }

    /**
     * Behind the 6 s reader the original's ALTER queues the workload for the whole hold (BLOCK missing-lock-timeout);
     * the fix's 25 ms lock_timeout gives up before any query waits long, and the deploy's retries (the proof's
     * {@code lock_retries: { attempts: 10, backoff: 1s }}) run it once the reader has gone. The earlier 5 s left 5 s of
     * queue (BLOCK), 100 ms lifted the p99 by more than 50 ms on every try (latency-regression): README, "fix".
     */
    private static void assertRetriedPastTheReader(Report original, Report fixed) {
        assertThat(original.findings()).as("the original's queue").anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("missing-lock-timeout");
            assertThat(f.status()).isEqualTo(dev.rehearse.model.Status.BLOCK);
        });
        assertThat(maxBlocked(original)).as("queued for the reader's hold").isGreaterThan(5_000);
        Report.StatementReport alter = fixed.statements().stream().filter(st -> st.sql().startsWith("ALTER TABLE"))
                .findFirst().orElseThrow();
        assertThat(alter.attempts()).as("tries that gave up at lock_timeout while the reader ran").isNotEmpty();
        assertThat(maxBlocked(fixed)).as("the longest a query waited behind a try").isLessThan(200);
    }

    /** The migrations in {@code dir}, read as the format's tool reads them for the scenario's engine. */
    static List<Migration> read(Scenario s, Path dir, String format) {
        return MigrationSources.forFormat(format).read(List.of(dir), new MigrationSource.Context(
                Engines.dialect(s.engine()).splitter(), Scenario.Transaction.AUTO, s.engine(), null, null));
    }

    /** The fix of {@code ms} at the scenario's engine, which must rewrite a file for {@code rule}. */
    static Fixer.Result fixedBy(Scenario s, List<Migration> ms, String rule) {
        Fixer.Result all = new Fixer(Linter.Options.of(s.engine()), Engines.dialect(s.engine())).fix(ms);
        assertThat(all.files()).as("files the fix rewrites").isNotEmpty();
        assertThat(all.files().get(0).rules()).contains(rule);
        return all;
    }

    private static long maxBlocked(Report r) {
        return r.statements().stream().filter(st -> st.impact() != null && st.impact().maxBlockedMs() != null)
                .mapToLong(st -> st.impact().maxBlockedMs()).max().orElse(0);
    }
}
