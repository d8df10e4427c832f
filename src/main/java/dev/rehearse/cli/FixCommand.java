package dev.rehearse.cli;

import dev.rehearse.FixRehearsal;
import dev.rehearse.InvalidInputException;
import dev.rehearse.analyze.Linter;
import dev.rehearse.dialect.Dialect;
import dev.rehearse.engine.Engines;
import dev.rehearse.fix.FileChange;
import dev.rehearse.fix.Fixer;
import dev.rehearse.fix.MigrationWriter;
import dev.rehearse.fix.MigrationWriters;
import dev.rehearse.fix.SideBySide;
import dev.rehearse.fix.UnifiedDiff;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.MigrationSources;
import dev.rehearse.report.ReportFormats;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.ProjectConfig;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ScenarioLoader;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code rehearse fix}: the pending migrations' FLAG and BLOCK findings whose rules have a mechanical rewrite, written
 * as the migrations that ship instead, in the source's own format; {@code --rehearse} proves them against the original
 * on the scenario's seeded data and workload.
 */
@Command(name = "fix", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write the safe rewrite of each finding as migrations in the source's format (--diff, the default,"
                + " prints them; --write writes them); --rehearse proves them against the original.")
final class FixCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Migration files or directories (default: the scenario's).")
    List<Path> paths;

    @Option(names = "--engine", paramLabel = "KIND:VERSION",
            description = "postgres:10 .. postgres:18, mariadb:10.11 / 11.4, mysql:8.0 / 8.4 (default: the scenario's, .rehearse.yaml's, else postgres:16).")
    String engine;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Migration format (default: detected from the layout).")
    String format;

    static final class Mode {
        @Option(names = "--diff", description = "Print the fix as a unified diff (the default).")
        boolean diff;

        @Option(names = "--write", description = "Write the fix into the migration folders.")
        boolean write;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Mode mode;

    @Option(names = "--rehearse", description = "Rehearse the original and the fixed set on the same seeded data and"
            + " workload and print both side by side; --write then writes only a fixed set that is SAFE TO SHIP.")
    boolean rehearse;

    @Option(names = "--scenario", paramLabel = "SCENARIO.yaml",
            description = "The scenario --rehearse runs (engine, schema, data, load); its migrations unless PATH is given.")
    Path scenarioFile;

    @Mixin
    SharedOptions.Scope scope;

    @Mixin
    SharedOptions.Project project;

    @Override
    public Integer call() {
        ProjectConfig project = this.project.load();
        Scenario scenario = null;
        if (scenarioFile != null) {
            scenario = ScenarioLoader.load(scenarioFile,
                    new ScenarioLoader.Vocabulary(MigrationSources.names(), ReportFormats.names()));
        } else if (rehearse) {
            throw new InvalidInputException("fix --rehearse: give --scenario SCENARIO.yaml (the schema, data and workload"
                    + " both sets are rehearsed on)");
        }
        List<Path> migrationPaths = paths != null && !paths.isEmpty() ? paths
                : scenario != null ? scenario.migrations().paths() : List.of();
        if (migrationPaths.isEmpty()) {
            throw new InvalidInputException("fix: give the migration files or directories (PATH...), or --scenario");
        }
        for (Path p : migrationPaths) {
            if (!p.toFile().exists()) throw new InvalidInputException("fix: no such file or directory '" + p + "'");
        }
        EngineSpec spec;
        try {
            spec = engine != null ? EngineSpec.parse(engine) : scenario != null ? scenario.engine()
                    : project.engine() != null ? project.engine() : EngineSpec.DEFAULT;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--engine: " + e.getMessage());
        }
        String fmt = format != null ? format : scenario != null && scenario.migrations().format() != null
                && (paths == null || paths.isEmpty()) ? scenario.migrations().format() : null;
        return fix(scenario, migrationPaths, spec, fmt, scope.pending(), project, rehearse, mode != null && mode.write);
    }

    /**
     * The fix of a migration set, printed as a diff (and written with {@code write}); with {@code rehearse}, proven
     * against the original on the scenario ({@code run --with-fix} comes here too). The exit code.
     */
    static int fix(Scenario scenario, List<Path> migrationPaths, EngineSpec spec, String fmt,
                   java.util.function.Predicate<Migration> pending, ProjectConfig project, boolean rehearse, boolean write) {
        MigrationSource source = fmt != null ? MigrationSources.forFormat(fmt) : MigrationSources.detect(migrationPaths);
        MigrationWriter writer = MigrationWriters.forFormat(source.format());

        Dialect dialect = Engines.dialect(spec);
        Scenario.Transaction wrapping = project.transaction() == null ? Scenario.Transaction.AUTO : project.transaction();
        List<Migration> migrations = source.read(migrationPaths, new MigrationSource.Context(dialect.splitter(), wrapping, spec, null, null));
        Fixer.Result result = new Fixer(new Linter.Options(spec, new HashSet<>(project.exclude()),
                project.lockTimeoutMs() != null, pending), dialect,
                scenario != null ? scenario.thresholds() : Scenario.Thresholds.DEFAULT).fix(migrations);
        result = MigrationWriters.writable(result, writer, migrations); // what the format cannot carry: not fixed, said why
        List<FileChange> changes = new ArrayList<>();
        changes.addAll(writer.write(result.files(), migrations));

        PrintStream out = System.out;
        // paths as git prints them: from the working directory, else from the folder that holds the migrations
        Path cwd = Path.of("").toAbsolutePath(), base = cwd;
        if (changes.stream().anyMatch(c -> !c.path().toAbsolutePath().normalize().startsWith(cwd))) {
            Path first = migrationPaths.get(0).toAbsolutePath().normalize();
            base = first.getParent() == null ? first : first.getParent();
        }
        Path diffBase = base;
        if (!result.changes()) out.println("fix: nothing to rewrite in " + result.lint().files() + " pending files");
        else out.print(UnifiedDiff.of(changes, diffBase));
        if (result.changes() && pending == null && source.format().equals("liquibase")) {
            // Liquibase refuses an update whose already-run changeSet changed its checksum
            out.println("# note: no --pending, --from or --changed-since: every changeSet was taken as pending; one that"
                    + " already ran must not be edited (Liquibase refuses the next update when its checksum changes)");
        }
        for (Fixer.Checklist c : result.checklists()) {
            out.println();
            out.println("# " + c.file() + ":" + c.line() + " " + c.rule() + ": no mechanical rewrite; expand and contract:");
            for (String item : c.items()) out.println("- [ ] " + item);
        }
        if (!result.notFixed().isEmpty()) out.println();
        for (Fixer.NotFixed n : result.notFixed()) {
            out.println("# not fixed: " + n.file() + (n.line() == null ? "" : ":" + n.line()) + " " + n.rule() + ": " + n.why());
        }

        boolean proven = true;
        if (rehearse && result.changes()) {
            Set<String> pendingNames = new LinkedHashSet<>();
            for (Migration m : migrations) if (pending == null || pending.test(m)) pendingNames.add(m.name());
            FixRehearsal.Outcome o = FixRehearsal.run(scenario, migrationPaths, changes, pending, pendingNames,
                    Progress::line, Set.copyOf(project.exclude()));
            Set<String> touched = new HashSet<>();
            for (Fixer.FileFix f : result.files()) touched.add(f.original().name());
            Set<String> fixedNames = new HashSet<>(touched);
            for (String n : o.fixedNames()) if (!pendingNames.contains(n)) fixedNames.add(n);
            out.println();
            out.print(SideBySide.markdown(o.original(), o.fixed(), touched, fixedNames));
            proven = SideBySide.proven(o.fixed());
            out.println();
            out.println(proven ? "fix: the fixed set rehearsed SAFE TO SHIP (the original: " + o.original().verdict().title() + ")"
                    : "fix: NOT A FIX: the fixed set rehearsed " + o.fixed().verdict().title() + ": " + o.fixed().verdictReason());
        }
        if (write && result.changes()) {
            if (!proven) {
                out.println("fix: nothing written: the rewrite did not rehearse SAFE TO SHIP");
            } else {
                for (FileChange c : changes) c.write();
                out.println("fix: wrote " + changes.size() + " files (" + changes.stream().filter(c -> c.before() == null).count()
                        + " new)");
            }
        }
        return proven ? Main.OK : Main.VERDICT;
    }
}
