package dev.rehearse.cli;

import dev.rehearse.Rehearsal;
import dev.rehearse.analyze.Regressions;
import dev.rehearse.model.Verdict;
import dev.rehearse.provision.Cleanup;
import dev.rehearse.migrate.MigrationSources;
import dev.rehearse.report.ReportFormat;
import dev.rehearse.report.ReportFormats;
import dev.rehearse.scenario.ProjectConfig;
import dev.rehearse.model.Report;
import dev.rehearse.scenario.CliOverrides;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code rehearse run}: one rehearsal, from a scenario file, flags, or both (flags win). */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Provision, seed, load, migrate, analyze and report one rehearsal.")
final class RunCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO.yaml", description = "Scenario file.")
    Path scenarioFile;

    @Option(names = "--engine", paramLabel = "KIND:VERSION",
            description = "postgres:10 .. postgres:18 (or a full version such as postgres:16.4). Default postgres:16.")
    String engine;

    @Option(names = "--provider", paramLabel = "embedded|docker|external", description = "Where the database comes from.")
    String provider;

    @Option(names = "--url", paramLabel = "JDBC", description = "The server of --provider external.")
    String url;

    @Mixin
    SharedOptions.Login login;

    @Option(names = "--from-production", paramLabel = "JDBC", description = "Start from this database's real schema and"
            + " statistics (read only, no table rows) and rehearse what its migration tool has not applied yet.")
    String fromProduction;

    @Option(names = "--production-user", description = "User for --from-production.")
    String productionUser;

    @Option(names = "--production-password-file", paramLabel = "FILE",
            description = "A file whose first line is the password for --from-production (or PGPASSWORD / MYSQL_PWD).")
    Path productionPasswordFile;

    @Option(names = "--allow-writes", description = "Let --provider external write (use a disposable copy).")
    Boolean allowWrites;

    @Option(names = "--marker-table", paramLabel = "TABLE",
            description = "The table whose presence marks an external target as a rehearsal copy (external.marker_table,"
                    + " default rehearse_target).")
    String markerTable;

    @Option(names = "--database-pattern", paramLabel = "REGEX",
            description = "External databases whose whole name matches are rehearsal copies (external.database_pattern).")
    String databasePattern;

    @Option(names = "--i-understand-this-is-not-production",
            description = "Write to an external target that does not say it is a rehearsal copy.")
    Boolean notProduction;

    @Option(names = "--rollback",
            description = "External PostgreSQL: rehearse the migrations in one transaction and roll it back (external.rollback).")
    Boolean rollback;

    @Option(names = "--schema", paramLabel = "FILE", description = "Baseline DDL applied before seeding.")
    Path schema;

    @Option(names = "--migrations", paramLabel = "PATH", description = "A migration file or directory; repeatable.")
    List<Path> migrations;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Migration format (default sql).")
    String format;

    @Option(names = "--rows", paramLabel = "TABLE=N", description = "Rows to seed, e.g. orders=1M; repeatable.")
    List<String> rows;

    @Option(names = "--ignore-capacity",
            description = "Seed the row counts asked even when they exceed what this machine's disk holds or what can be"
                    + " seeded within the run's deadline (refused before anything starts otherwise).")
    boolean ignoreCapacity;

    @Option(names = "--no-load", description = "Run no application workload.")
    Boolean noLoad;

    @Option(names = "--replica", description = "Rehearse with a streaming replica of the primary (model it under replica: in the scenario).")
    Boolean replica;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", description = "The deploy's lock_timeout, e.g. 5s.")
    String lockTimeout;

    @Option(names = "--statement-timeout", paramLabel = "DURATION",
            description = "The deploy's statement_timeout (migrations.statement_timeout), rehearsed as the deploy sets it, e.g. 30s.")
    String statementTimeout;

    @Option(names = "--statement-deadline", paramLabel = "DURATION",
            description = "rehearse's own limit per migration statement (deadlines.statement, default 10min): past it the"
                    + " statement is cancelled and reported (statement-deadline).")
    String statementDeadline;

    @Option(names = "--deadline", paramLabel = "DURATION",
            description = "rehearse's limit for the whole run (deadlines.run, default 1h): a statement still running then is"
                    + " cancelled and the report written.")
    String deadline;

    @Option(names = "--long-transaction", paramLabel = "DURATION",
            description = "Before each statement that locks out reads or writes, hold a reading transaction on its table this long, e.g. 5s.")
    String longTransaction;

    @Option(names = "--seed", description = "Seed of the data generator.")
    Long seed;

    @Option(names = "--profile", paramLabel = "FILE",
            description = "A data profile (seed-data/*.yaml): row counts and column generators; --rows override its counts.")
    Path profile;

    @Option(names = "--workload", paramLabel = "FILE",
            description = "The application's named queries (a YAML list as under load.queries), instead of the default workload.")
    Path workload;

    @Option(names = "--compare", paramLabel = "PREVIOUS",
            description = "An earlier run's report.json (or its directory): flag statements whose lock hold, duration or"
                    + " blocked queries grew beyond the noise (+50% and +100 ms / +10 queries), or whose lock, rewrite,"
                    + " status or error got worse; in the console and report.json's comparison.")
    Path compare;

    @Option(names = "--fail-on-regression", description = "Exit 1 when --compare finds a regression.")
    boolean failOnRegression;

    @Option(names = "--with-fix", description = "Also write the fix of the findings into a copy of the migrations and"
            + " rehearse it beside the original, side by side (as fix --rehearse); exit 1 unless it is SAFE TO SHIP.")
    boolean withFix;

    @Mixin
    SharedOptions.Scope scope;

    @Mixin
    SharedOptions.Output output;

    @Mixin
    SharedOptions.Project project;

    @Mixin
    SharedOptions.ChangeSetFilter changeSets;

    /** What the last {@link #call()} reported, and the syntax error that made it exit 2 (for {@code matrix}). */
    Report report;
    String syntaxError;

    @Override
    public Integer call() {
        ProjectConfig project = this.project.load();
        Scenario scenario = scenario(project);
        Report previous = compare == null ? null : ReportCommand.read(java.nio.file.Files.isDirectory(compare)
                ? compare.resolve("report.json") : compare);
        if (withFix) { // the original and the fixed set, each rehearsed by Rehearsal on this scenario
            return FixCommand.fix(scenario, scenario.migrations().paths(), scenario.engine(), scenario.migrations().format(),
                    scope.pending(), project, true, false);
        }
        // A report this build cannot write fails before anything starts, not silently after the rehearsal.
        List<ReportFormat> formats = ReportFormats.resolve(scenario.output().formats(), "run");
        java.util.function.Predicate<dev.rehearse.migrate.Migration> pending = scope.pending();
        if (fromProduction != null) {
            if (scenario.output().dir() != null) ReportOutput.requireWritable(scenario.output().dir(), "--out");
            Path dir = ReportOutput.dirOrDefault(scenario.output().dir());
            scenario = scenario.withOutput(new Scenario.Output(dir, scenario.output().formats(), scenario.output().failOn()));
            FromProduction.Start start = FromProduction.start(scenario, new dev.rehearse.DriftCheck.Target(fromProduction,
                    productionUser, productionPassword()), pending, engine != null, dir);
            scenario = start.scenario();
            pending = start.pending();
        }
        Rehearsal rehearsal = new Rehearsal(scenario, Progress::line, java.util.Set.copyOf(project.exclude()))
                .withPending(pending).ignoringCapacity(ignoreCapacity).withStatus(Progress.interactive() ? Progress::status : null);
        if (fromProduction != null) rehearsal.withDeployedInSchema();
        Path outDir = scenario.output().dir();
        ReportOutput.requireWritable(outDir, output.out != null || scenario.source() == null ? "--out"
                : scenario.source() + ":" + ScenarioLoader.line(scenario.source(), "report", "out") + ": report.out");
        ReportFormat.Context context = new ReportFormat.Context("run", Progress.color(), scenario.output().failOn());
        // SIGINT/SIGTERM once the migrations started: what ran so far is reported, after the workload stopped and
        // before the server does
        Cleanup.Registration partialOnInterrupt = Cleanup.register(Cleanup.Phase.REPORT, "partial report", () -> {
            if (!Cleanup.shuttingDown()) return;
            Rehearsal.Result partial = rehearsal.partial("the rehearsal was interrupted");
            if (partial == null) return;
            try {
                Path written = ReportOutput.emitQuietly(partial.report(), outDir, formats, context);
                if (written != null) Cleanup.noteOnInterrupt("a report of what ran is in " + written);
            } catch (java.io.IOException | RuntimeException e) {
                Cleanup.noteOnInterrupt("the partial report could not be written: " + e.getMessage());
            }
        });
        Rehearsal.Result result;
        try {
            result = rehearsal.run();
        } catch (Rehearsal.ServerTerminatedException e) {
            // exit 3 with the server's last words (Main prints them), after the report of what ran
            if (e.partial() != null) ReportOutput.emit(e.partial().report(), outDir, formats, context);
            throw e;
        } finally {
            partialOnInterrupt.close();
        }
        Report r = Provenance.stamp(result.report(), spec.root().commandLine().getParseResult().originalArgs(), scenarioFile);
        if (r.run() != null) r = r.withRun(r.run().withAlerts(Provenance.alerts(scenario.thresholds())));
        if (previous != null) r = r.withComparison(Regressions.compare(previous, compare.toString(), r));
        ReportOutput.emit(r, outDir, formats, context);
        report = r;
        syntaxError = result.syntaxError();
        if (result.syntaxError() != null) {
            System.err.println("rehearse: " + result.syntaxError());
            return Main.INVALID_INPUT;
        }
        if (reached(r.verdict(), scenario.output().failOn())) return Main.VERDICT;
        return failOnRegression && r.comparison() != null && !r.comparison().regressions().isEmpty() ? Main.VERDICT : Main.OK;
    }

    /** The scenario the flags describe: the file's, flags winning, with the project's and the environment's defaults. */
    Scenario scenario(ProjectConfig project) {
        ScenarioLoader.Vocabulary names = new ScenarioLoader.Vocabulary(MigrationSources.names(), ReportFormats.names(),
                dev.rehearse.engine.Engines::unsupported);
        Scenario base = scenarioFile == null ? ScenarioLoader.defaults() : ScenarioLoader.load(scenarioFile, names);
        if (base.thresholds().equals(Scenario.Thresholds.DEFAULT)) base = base.withThresholds(project.thresholds());
        Scenario scenario = ScenarioLoader.applyOverrides(base, CliOverrides.NONE
                .withEngine(engine).withProvider(provider).withUrl(url).withUser(login.user).withPassword(login.password())
                .withAllowWrites(allowWrites).withSchemaFile(schema).withMigrations(migrations).withFormat(format)
                .withRows(rows).withNoLoad(noLoad).withReplica(replica).withOut(output.out)
                .withReportFormats(output.report).withFailOn(output.failOn).withLockTimeout(lockTimeout).withSeed(seed)
                .withProfile(profile).withWorkload(workload).withLongTransaction(longTransaction), names);
        Scenario.External ext = scenario.external();
        if (markerTable != null || databasePattern != null || notProduction != null || rollback != null) {
            ext = ext.withGuards(markerTable == null ? ext.markerTable()
                            : flagValue("--marker-table", markerTable, dev.rehearse.scenario.ScenarioLoader::tableName),
                    databasePattern == null ? ext.databasePattern()
                            : flagValue("--database-pattern", databasePattern, dev.rehearse.scenario.ScenarioLoader::regularExpression),
                    Boolean.TRUE.equals(notProduction), rollback == null ? ext.rollback() : rollback);
            scenario = scenario.withExternal(ext);
        }
        if (ext.password() == null && scenario.provider() == dev.rehearse.scenario.Provider.EXTERNAL) {
            // the engine's own variable, as its command-line clients read it
            String variable = dev.rehearse.engine.Engines.dialect(scenario.engine()).passwordVariable();
            String fromEnv = variable == null ? null : System.getenv(variable);
            if (fromEnv != null) scenario = scenario.withExternal(ext.withConnection(ext.url(), ext.user(), fromEnv,
                    ext.allowWrites()));
        }
        Scenario.Migrations mg = scenario.migrations();
        if (mg.lockTimeoutMs() == null && project.lockTimeoutMs() != null) { // the deploy's own, from .rehearse.yaml
            scenario = scenario.withMigrations(new Scenario.Migrations(mg.paths(), mg.format(), mg.transaction(),
                    project.lockTimeoutMs(), mg.statementTimeoutMs(), mg.lockRetries(), mg.contexts(), mg.labels()));
        }
        scenario = scenario.withMigrations(scenario.migrations().withContexts(changeSets.contexts)
                .withLabels(changeSets.labels));
        if (statementTimeout != null) {
            mg = scenario.migrations();
            scenario = scenario.withMigrations(new Scenario.Migrations(mg.paths(), mg.format(), mg.transaction(),
                    mg.lockTimeoutMs(), (int) duration("--statement-timeout", statementTimeout), mg.lockRetries(),
                    mg.contexts(), mg.labels()));
        }
        Scenario.Deadlines limits = scenario.deadlines();
        scenario = scenario.withDeadlines(new Scenario.Deadlines(
                statementDeadline == null ? limits.statementMs() : duration("--statement-deadline", statementDeadline),
                deadline == null ? limits.runMs() : duration("--deadline", deadline)));
        return scenario;
    }

    /**
     * Everything {@link #call()} reads before a server starts (the scenario, the report formats, the migrations as
     * their tool runs them), without starting one: how {@code matrix} tells invalid input from an engine the scenario
     * does not suit before rehearsing any. Throws {@link dev.rehearse.InvalidInputException} as the run would.
     */
    void check() {
        ProjectConfig project = this.project.load();
        Scenario scenario = scenario(project);
        ReportFormats.resolve(scenario.output().formats(), "run");
        new Rehearsal(scenario, line -> {}, java.util.Set.copyOf(project.exclude())).withPending(scope.pending())
                .ignoringCapacity(ignoreCapacity).read();
    }

    private String productionPassword() {
        return SharedOptions.Login.firstLine(productionPasswordFile, "--production-password-file");
    }

    private static String flagValue(String flag, String text, java.util.function.UnaryOperator<String> check) {
        try {
            return check.apply(text);
        } catch (IllegalArgumentException e) {
            throw new dev.rehearse.InvalidInputException(flag + ": " + e.getMessage());
        }
    }

    private static long duration(String flag, String text) {
        try {
            long ms = dev.rehearse.scenario.Units.durationMs(text);
            if (ms < 1 || ms > Integer.MAX_VALUE) throw new IllegalArgumentException("expected 1ms to 24 days");
            return ms;
        } catch (IllegalArgumentException e) {
            throw new dev.rehearse.InvalidInputException(flag + ": " + e.getMessage());
        }
    }

    static boolean reached(Verdict verdict, Scenario.FailOn failOn) {
        return switch (failOn) {
            case NEVER -> false;
            case BLOCK -> verdict == Verdict.BLOCK;
            case FLAG -> verdict != Verdict.SAFE_TO_SHIP;
        };
    }
}
