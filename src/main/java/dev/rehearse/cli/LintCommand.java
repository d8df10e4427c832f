package dev.rehearse.cli;

import dev.rehearse.InvalidInputException;
import dev.rehearse.Version;
import dev.rehearse.analyze.Linter;
import dev.rehearse.analyze.Rules;
import dev.rehearse.dialect.Dialect;
import dev.rehearse.engine.Engines;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.MigrationSources;
import dev.rehearse.report.ReportFormat;
import dev.rehearse.report.ReportFormats;
import dev.rehearse.model.Report;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.ProjectConfig;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code rehearse lint}: the rule catalog without a database, in milliseconds. */
@Command(name = "lint", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Static rules only, no database: the same rule ids and findings[] as run.")
final class LintCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec commandSpec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Migration files or directories.")
    List<Path> paths;

    @Option(names = "--engine", paramLabel = "KIND:VERSION",
            description = "postgres:10 .. postgres:18, mysql:8.0, mysql:8.0.28, mariadb:10.11 (default: .rehearse.yaml, else postgres:16).")
    String engine;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Migration format (default: detected from the layout).")
    String format;

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
        long start = System.nanoTime();
        ProjectConfig project = this.project.load();
        EngineSpec spec;
        try {
            spec = engine != null ? EngineSpec.parse(engine) : project.engine() != null ? project.engine() : EngineSpec.DEFAULT;
            String why = Engines.unsupported(spec);
            if (why != null) throw new IllegalArgumentException(why);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--engine: " + e.getMessage());
        }
        // A format the contract names but this build lacks is a missing capability (3), a name nobody knows invalid
        // input (2); without --format the layout decides.
        MigrationSource source = format != null ? MigrationSources.forFormat(format) : MigrationSources.detect(paths);
        Scenario.FailOn fail = output.failOn == null ? Scenario.FailOn.BLOCK : ScenarioLoader.failOnFlag(output.failOn);
        List<ReportFormat> formats = ReportFormats.resolve(
                List.of((output.report == null ? "console" : output.report).split(",")), "lint");

        Dialect dialect = Engines.dialect(spec);
        Scenario.Transaction wrapping = project.transaction() == null ? Scenario.Transaction.AUTO : project.transaction();
        List<Migration> migrations = source.read(paths, new MigrationSource.Context(dialect.splitter(), wrapping, spec,
                changeSets.contexts, changeSets.labels));
        Linter.Result result = new Linter(new Linter.Options(spec, new HashSet<>(project.exclude()),
                project.lockTimeoutMs() != null, scope.pending()), dialect)
                .lint(migrations);
        Report r = Provenance.stamp(Linter.report(result, spec, Version.get(), (System.nanoTime() - start) / 1e9),
                commandSpec.root().commandLine().getParseResult().originalArgs(), null);

        ReportOutput.emit(r, output.out, formats, new ReportFormat.Context("lint", Progress.color(), fail));
        return RunCommand.reached(r.verdict(), fail) ? Main.VERDICT : Main.OK;
    }
}
