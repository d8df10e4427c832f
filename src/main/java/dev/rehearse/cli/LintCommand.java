package dev.rehearse.cli;

import dev.rehearse.InvalidInputException;
import dev.rehearse.Version;
import dev.rehearse.analyze.Linter;
import dev.rehearse.analyze.Rules;
import dev.rehearse.dialect.Dialect;
import dev.rehearse.engine.Engines;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.SqlMigrationSource;
import dev.rehearse.report.LintConsoleReport;
import dev.rehearse.model.Report;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.ProjectConfig;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
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

    static final List<String> FORMATS = List.of("console", "json", "md", "sarif");

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Migration files or directories (.sql).")
    List<Path> paths;

    @Option(names = "--engine", paramLabel = "KIND:VERSION",
            description = "postgres:10 .. postgres:18, mysql:8.0, mysql:8.0.28, mariadb:10.11 (default: .rehearse.yaml, else postgres:16).")
    String engine;

    @Option(names = "--format", paramLabel = "sql", description = "Migration format (this build: sql).")
    String format;

    @Option(names = "--report", paramLabel = "FORMATS", description = "console,json,md,sarif (default console).")
    String report;

    @Option(names = "--out", paramLabel = "DIR", description = "Report directory (default reports/<timestamp>).")
    Path out;

    @Option(names = "--fail-on", paramLabel = "block|flag|never", description = "Verdict that exits 1 (default block).")
    String failOn;

    @Option(names = "--config", paramLabel = "FILE", description = "Project configuration (default ./.rehearse.yaml when present).")
    Path config;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        ProjectConfig project = projectConfig(config);
        EngineSpec spec;
        try {
            spec = engine != null ? EngineSpec.parse(engine) : project.engine() != null ? project.engine() : EngineSpec.DEFAULT;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--engine: " + e.getMessage());
        }
        if (format != null && !format.equalsIgnoreCase("sql")) {
            // A format the contract names but this build lacks is a missing capability (3), not a user mistake (2);
            // a name outside the contract is invalid input. Same as run.
            if (!ScenarioLoader.MIGRATION_FORMATS.contains(format.toLowerCase(Locale.ROOT))) {
                throw new InvalidInputException("--format: '" + format + "'; expected one of "
                        + String.join(", ", ScenarioLoader.MIGRATION_FORMATS));
            }
            SqlMigrationSource.requireSupported(format);
        }
        Scenario.FailOn fail = failOn == null ? Scenario.FailOn.BLOCK : ScenarioLoader.failOnFlag(failOn);
        Set<String> formats = formats(report);

        Dialect dialect = Engines.dialect(spec);
        List<Migration> migrations = new SqlMigrationSource(dialect.splitter()).read(paths);
        Linter.Result result = new Linter(new Linter.Options(spec, new HashSet<>(project.exclude()),
                project.lockTimeoutMs() != null, project.transaction() == Scenario.Transaction.ALWAYS), dialect)
                .lint(migrations);
        Report r = Linter.report(result, spec, Version.get(), (System.nanoTime() - start) / 1e9);

        if (formats.contains("console")) {
            System.out.print(LintConsoleReport.render(r));
            System.out.flush();
        }
        if (formats.stream().anyMatch(f -> !f.equals("console"))) {
            ReportOutput.write(r, ReportOutput.dirOrDefault(out), formats);
        }
        return RunCommand.reached(r.verdict(), fail) ? Main.VERDICT : Main.OK;
    }

    static ProjectConfig projectConfig(Path explicit) {
        if (explicit != null) return ScenarioLoader.loadProjectConfig(explicit, Rules::known);
        Path dflt = Path.of(".rehearse.yaml");
        return Files.isRegularFile(dflt) ? ScenarioLoader.loadProjectConfig(dflt, Rules::known) : ProjectConfig.NONE;
    }

    private static Set<String> formats(String text) {
        if (text == null) return Set.of("console");
        Set<String> out = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) continue;
            if (!FORMATS.contains(p)) {
                throw new InvalidInputException("--report: '" + p + "'; lint writes " + String.join(", ", FORMATS));
            }
            out.add(p);
        }
        return out;
    }
}
