package dev.rehearse.cli;

import dev.rehearse.Rehearsal;
import dev.rehearse.RehearsalFailedException;
import dev.rehearse.model.Verdict;
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

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO.yaml", description = "Scenario file.")
    Path scenarioFile;

    @Option(names = "--engine", paramLabel = "KIND:VERSION",
            description = "postgres:10 .. postgres:18 (or a full version such as postgres:16.4). Default postgres:16.")
    String engine;

    @Option(names = "--provider", paramLabel = "embedded|docker|external", description = "Where the database comes from.")
    String provider;

    @Option(names = "--url", paramLabel = "JDBC", description = "The server of --provider external.")
    String url;

    @Option(names = "--user", description = "User for --url.")
    String user;

    @Option(names = "--password", description = "Password for --url.")
    String password;

    @Option(names = "--allow-writes", description = "Let --provider external write (use a disposable copy).")
    Boolean allowWrites;

    @Option(names = "--schema", paramLabel = "FILE", description = "Baseline DDL applied before seeding.")
    Path schema;

    @Option(names = "--migrations", paramLabel = "PATH", description = "A migration file or directory; repeatable.")
    List<Path> migrations;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Migration format (default sql).")
    String format;

    @Option(names = "--rows", paramLabel = "TABLE=N", description = "Rows to seed, e.g. orders=1M; repeatable.")
    List<String> rows;

    @Option(names = "--no-load", description = "Run no application workload.")
    Boolean noLoad;

    @Option(names = "--replica", description = "Rehearse with a streaming replica (not in this build).")
    Boolean replica;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", description = "The deploy's lock_timeout, e.g. 5s.")
    String lockTimeout;

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

    @Mixin
    SharedOptions.Scope scope;

    @Mixin
    SharedOptions.Output output;

    @Mixin
    SharedOptions.Project project;

    @Mixin
    SharedOptions.ChangeSetFilter changeSets;

    @Override
    public Integer call() {
        ProjectConfig project = this.project.load();
        ScenarioLoader.Vocabulary names = new ScenarioLoader.Vocabulary(MigrationSources.names(), ReportFormats.names());
        Scenario base = scenarioFile == null ? ScenarioLoader.defaults() : ScenarioLoader.load(scenarioFile, names);
        if (base.thresholds().equals(Scenario.Thresholds.DEFAULT)) base = base.withThresholds(project.thresholds());
        Scenario scenario = ScenarioLoader.applyOverrides(base, CliOverrides.NONE
                .withEngine(engine).withProvider(provider).withUrl(url).withUser(user).withPassword(password)
                .withAllowWrites(allowWrites).withSchemaFile(schema).withMigrations(migrations).withFormat(format)
                .withRows(rows).withNoLoad(noLoad).withReplica(replica).withOut(output.out)
                .withReportFormats(output.report).withFailOn(output.failOn).withLockTimeout(lockTimeout).withSeed(seed)
                .withProfile(profile).withWorkload(workload).withLongTransaction(longTransaction), names);
        Scenario.Migrations mg = scenario.migrations();
        if (mg.lockTimeoutMs() == null && project.lockTimeoutMs() != null) { // the deploy's own, from .rehearse.yaml
            scenario = scenario.withMigrations(new Scenario.Migrations(mg.paths(), mg.format(), mg.transaction(),
                    project.lockTimeoutMs(), mg.statementTimeoutMs(), mg.lockRetries(), mg.contexts(), mg.labels()));
        }
        scenario = scenario.withMigrations(scenario.migrations().withContexts(changeSets.contexts)
                .withLabels(changeSets.labels));
        // A report this build cannot write fails before anything starts, not silently after the rehearsal.
        List<ReportFormat> formats = ReportFormats.resolve(scenario.output().formats(), "run");
        if (scenario.replica()) {
            throw new RehearsalFailedException("--replica: replica rehearsals are not available in this build yet");
        }
        Rehearsal.Result result = new Rehearsal(scenario, Progress::line, java.util.Set.copyOf(project.exclude())).withPending(scope.pending())
                .withStatus(Progress.interactive() ? Progress::status : null).run();
        Report r = result.report();
        ReportOutput.emit(r, scenario.output().dir(), formats, new ReportFormat.Context("run", Progress.color(),
                scenario.output().failOn()));
        if (result.syntaxError() != null) {
            System.err.println("rehearse: " + result.syntaxError());
            return Main.INVALID_INPUT;
        }
        return reached(r.verdict(), scenario.output().failOn()) ? Main.VERDICT : Main.OK;
    }

    static boolean reached(Verdict verdict, Scenario.FailOn failOn) {
        return switch (failOn) {
            case NEVER -> false;
            case BLOCK -> verdict == Verdict.BLOCK;
            case FLAG -> verdict != Verdict.SAFE_TO_SHIP;
        };
    }
}
