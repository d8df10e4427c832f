package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.TestMatrix;

import dev.rehearse.Rehearsal;
import dev.rehearse.analyze.Linter;
import dev.rehearse.analyze.PatternExamples;
import dev.rehearse.analyze.Rules;
import dev.rehearse.dialect.LockMode.Blocks;
import dev.rehearse.dialect.Rule;
import dev.rehearse.engine.Engines;
import dev.rehearse.migrate.ExecutedStatement;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.model.Report;
import dev.rehearse.model.Report.Finding;
import dev.rehearse.observe.LockSample;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.ScenarioLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MySQL-family catalog agrees with measurement on MariaDB. Every rule's MariaDB example (docs/patterns, bad and
 * safe) is rehearsed on embedded MariaDB 10.11 and 11.4 through the real pipeline (baseline from {@code setup.sql},
 * every table seeded to {@value #ROWS} rows, the default workload of primary-key reads and writes running, the lock
 * sampler and the statement probe), the same files are linted at the server's version, and:
 * <ul>
 *   <li>for every statement lint flags with a claim: it failed where the claim says it fails (the server refusing a
 *       stated algorithm), else the table was rebuilt (a new InnoDB TABLE_ID) exactly when the claim says it is
 *       rewritten, and what the workload could not do while it ran is what the claim says it blocks: the sampler saw
 *       the workload's SHARED_WRITE (SHARED_READ) requests on the table waiting on the migration's session in most
 *       of the samples of the statement, and the metadata lock the migration held longest blocks the same;</li>
 *   <li>every statement lint does not flag with a lock-family rule blocked neither reads nor writes while it rebuilt
 *       a populated table.</li>
 * </ul>
 * One server per version serves every case (as {@code --provider external}); its database is recreated per case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbRuleMeasurementTest {

    static final int ROWS = 150_000;
    /** A class of query is blocked when it waited on the migration in at least this share of the statement's samples. */
    static final double BLOCKED_SHARE = 0.5;
    /** Fewer samples than this during a statement cannot tell blocking from the brief exclusive phases. */
    static final int MIN_SAMPLES = 10;

    private final Map<String, Database> servers = new HashMap<>();
    private final Map<String, String> measured = new TreeMap<>();

    private Database server(String version) {
        return servers.computeIfAbsent(version, v -> new EmbeddedMariaDbProvisioner().start(EngineSpec.parse("mariadb:" + v)));
    }

    @AfterAll
    void stop() {
        servers.values().forEach(Database::close);
        System.out.println("MariaDB rule-vs-measurement:");
        measured.forEach((k, v) -> System.out.println("  " + k + ": " + v));
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (PatternExamples ex : PatternExamples.all()) {
            // the MySQL family's own catalog; the shared rules' examples carry no lock claim on these engines
            if (ex.engine().kind() != EngineSpec.Kind.MARIADB || !ex.rule().startsWith("mysql-")) continue;
            assertThat(ex.setup()).as("%s needs a setup.sql to be rehearsed", ex).isNotNull();
            for (String version : TestMatrix.versions(List.of("10.11", "11.4"), List.of("11.4"))) {
                for (String form : List.of("bad", "safe")) out.add(Arguments.of(ex, version, form));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {2} on MariaDB {1}")
    @MethodSource("cases")
    void lintClaimsWhatTheRehearsalMeasures(PatternExamples ex, String version, String form, @TempDir Path dir) throws Exception {
        Path files = form.equals("bad") ? ex.bad() : ex.safe();
        // Reported as skipped, not passed: a safe form that is only a comment runs a tool outside the migration.
        org.junit.jupiter.api.Assumptions.assumeTrue(!ex.migrations(files, ex.engine()).stream().allMatch(x -> x.statements().isEmpty()),
                () -> files + " holds no statement: the safe form runs outside the migration");
        Database db = server(version);
        EngineSpec spec = EngineSpec.parse("mariadb:" + db.version());
        recreate(db);
        Rehearsed r = rehearse(db, ex, files, dir);
        Linter.Result lint = ex.lint(files, spec);

        int compared = 0;
        for (ExecutedStatement s : r.recording.run().statements()) {
            if (s.statement().kind() == SqlStatement.Kind.TRANSACTION_CONTROL) continue;
            Rule.Words words = new Rule.Words(s.statement().sql(), Engines.dialect(spec).words(s.statement().sql()));
            String table = words.table().replace("`", "").toLowerCase(Locale.ROOT);
            Measured m = measure(r, s, table);
            String what = s.statement().sql().strip() + " on MariaDB " + db.serverVersion();
            List<Finding> here = lint.counted().stream()
                    .filter(f -> s.migration().name().equals(f.file()) && Integer.valueOf(s.statement().line()).equals(f.line()))
                    .toList();
            boolean claimed = false, lockFamily = false;
            for (Finding f : here) {
                Rule rule = Rules.ALL.stream().filter(x -> x.id().equals(f.rule())).findFirst().orElse(null);
                if (rule == null) continue;
                lockFamily |= rule.growsWithTable() || rule.category() == dev.rehearse.model.Category.DATA_LOSS;
                Rule.Claim claim = rule.claim() == null ? null : rule.claim().apply(spec, words);
                if (claim == null) continue;
                claimed = true;
                compared++;
                measured.put(rule.id() + " " + form + " @" + version, m + " vs claim " + claim.describe());
                String as = rule.id() + ": " + what;
                if (claim.fails()) {
                    assertThat(s.error()).as("%s fails", as).isNotNull();
                    assertThat(m.rebuilt).as("a refused %s leaves the table", as).isFalse();
                    continue;
                }
                assertThat(s.error()).as(as).isNull();
                assertThat(m.rebuilt).as("rebuilt %s, %s", table, as).isEqualTo(claim.rewrite());
                if (claim.blocks() != Blocks.NONE) {
                    assertThat(m.samples).as("samples during %s (seed more rows to measure it)", as).isGreaterThanOrEqualTo(MIN_SAMPLES);
                }
                if (m.samples >= MIN_SAMPLES) {
                    // writes that were never sent say nothing about whether they would have waited
                    assertThat(m.writesSent).as("the workload's writes on %s during %s", table, as).isPositive();
                    assertThat(m.blocks()).as("what the workload could not do during %s (%s)", as, m).isEqualTo(claim.blocks());
                }
            }
            if (!claimed) measured.put("unflagged " + ex.rule() + " " + form + " @" + version + " " + s.statement().line(), m.toString());
            if (!claimed && !lockFamily && s.error() == null && m.rebuilt && m.samples >= MIN_SAMPLES) {
                assertThat(m.blocks()).as("lint found nothing, but %s rebuilt %s with the workload blocked (%s)", what, table, m)
                        .isEqualTo(Blocks.NONE);
            }
        }
        if (form.equals("bad")) {
            Rule rule = Rules.byId(ex.rule());
            boolean flagged = lint.counted().stream().anyMatch(f -> f.rule().equals(rule.id()));
            if (rule.claim() != null && flagged) assertThat(compared).as("claims compared with measurement").isPositive();
        }
    }

    /**
     * What one statement measurably did: rebuild; the samples in which the workload's reads / writes on the table
     * waited on the migration's metadata lock; the longest a write sent during the statement waited within it (a
     * write InnoDB holds back, which no metadata lock shows, waits there); the strongest metadata lock the migration
     * was seen holding.
     */
    record Measured(boolean rebuilt, int samples, int readsWaiting, int writesWaiting, long writesSent, long longestWriteMs,
                    String strongestHeld, long durationMs, Map<String, Long> otherTablesLongestWriteMs) {
        Blocks blocks() {
            boolean reads = readsWaiting >= samples * BLOCKED_SHARE;
            boolean writes = writesWaiting >= samples * BLOCKED_SHARE || longestWriteMs >= durationMs * BLOCKED_SHARE;
            return reads ? Blocks.READS_WRITES : writes ? Blocks.WRITES : Blocks.NONE;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d ms, %s, reads waited in %d and writes in %d of %d samples, %d writes"
                            + " sent, the longest waiting %d ms, strongest lock seen %s",
                    durationMs, rebuilt ? "rebuilt" : "kept the table", readsWaiting, writesWaiting, samples, writesSent,
                    longestWriteMs, strongestHeld == null ? "none" : strongestHeld)
                    + (otherTablesLongestWriteMs.isEmpty() ? "" : "; other tables' longest write " + otherTablesLongestWriteMs);
        }
    }

    private static Measured measure(Rehearsed r, ExecutedStatement s, String table) {
        long migration = r.recording.run().session();
        int samples = 0, reads = 0, writes = 0;
        var modes = Engines.dialect(EngineSpec.parse("mariadb:11.4")).lockModes();
        String strongest = null;
        for (LockSample sample : r.recording.timeline().lockSamples(s.startNanos(), s.endNanos())) {
            samples++;
            boolean read = false, write = false;
            for (LockSample.SessionLock l : sample.locks()) {
                if (l.granted() && l.session() == migration && table.equals(l.relation())
                        && (strongest == null || modes.of(l.mode()).rank() > modes.of(strongest).rank())) {
                    strongest = l.mode();
                }
                if (l.granted() || !table.equals(l.relation()) || !l.blockedBy().contains(migration)) continue;
                read |= l.mode().equals("SHARED_READ");
                write |= l.mode().equals("SHARED_WRITE");
            }
            if (read) reads++;
            if (write) writes++;
        }
        // From when the write was sent (a client stuck behind another table's wait is not this table's) to when it
        // returned or the statement ended (what a dropped key slows afterwards is not the statement's lock).
        long sent = r.recording.events().stream()
                .filter(e -> e.write() && table.equals(e.table()) && e.startNanos() >= s.startNanos() && e.startNanos() < s.endNanos())
                .count();
        long longestWrite = r.recording.events().stream()
                .filter(e -> e.write() && table.equals(e.table()) && e.startNanos() >= s.startNanos() && e.startNanos() < s.endNanos())
                .mapToLong(e -> (Math.min(e.endNanos(), s.endNanos()) - e.startNanos()) / 1_000_000).max().orElse(0);
        Map<String, Long> others = new TreeMap<>();
        r.recording.events().stream()
                .filter(e -> e.write() && !table.equals(e.table()) && e.startNanos() >= s.startNanos() && e.startNanos() < s.endNanos())
                .forEach(e -> others.merge(e.table(), (Math.min(e.endNanos(), s.endNanos()) - e.startNanos()) / 1_000_000, Math::max));
        boolean rebuilt = s.facts() != null && s.facts().rewrote().contains(table);
        return new Measured(rebuilt, samples, reads, writes, sent, longestWrite, strongest, (s.endNanos() - s.startNanos()) / 1_000_000,
                others);
    }

    record Rehearsed(Rehearsal.Recording recording, Report report) {}

    private static final Pattern CREATE_TABLE = Pattern.compile("(?i)CREATE\\s+TABLE\\s+`?(\\w+)`?");

    /** The example through the pipeline a run uses, on the shared server as an external one. */
    private static Rehearsed rehearse(Database db, PatternExamples ex, Path form, Path dir) throws Exception {
        Set<String> tables = new LinkedHashSet<>();
        Matcher m = CREATE_TABLE.matcher(Files.readString(ex.setup()));
        while (m.find()) tables.add(m.group(1));
        StringBuilder yaml = new StringBuilder("engine: mariadb:" + db.version() + "\n"
                + "external: { url: \"" + db.jdbcUrl() + "\", user: root, allow_writes: true, database_pattern: "
                + EmbeddedMariaDbProvisioner.DATABASE + " }\n"
                + "schema: " + ex.setup().toAbsolutePath() + "\n"
                + "data:\n  seed: 7\n");
        Path profile = ex.dir().resolve("profile.yaml");
        if (Files.exists(profile)) yaml.append("  profile: ").append(profile.toAbsolutePath()).append('\n');
        yaml.append("  tables:\n");
        for (String t : tables) yaml.append("    ").append(t).append(": { rows: ").append(ROWS).append(" }\n");
        yaml.append("load: { clients: 8, rate: 400, write_fraction: 0.5, baseline_seconds: 0.5, cooldown_seconds: 0.3,"
                + " settle_seconds: 0 }\n"
                + "observe: { lock_sample_interval: 10ms }\n"
                + "migrations: { path: " + form.toAbsolutePath() + ", format: sql }\n");
        Path scenario = dir.resolve("scenario.yaml");
        Files.writeString(scenario, yaml);
        Rehearsal rehearsal = new Rehearsal(ScenarioLoader.load(scenario), line -> { });
        Rehearsal.Inputs in = rehearsal.read();
        try (Rehearsal.Server server = rehearsal.provision(in)) {
            server.applySchema();
            Rehearsal.Recording rec = server.rehearse(server.seed(1.0));
            return new Rehearsed(rec, rehearsal.analyze(rec, java.time.Instant.now().toString(), System.nanoTime()).report());
        }
    }

    private static void recreate(Database db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + EmbeddedMariaDbProvisioner.DATABASE);
            s.execute("CREATE DATABASE " + EmbeddedMariaDbProvisioner.DATABASE);
        }
    }
}
