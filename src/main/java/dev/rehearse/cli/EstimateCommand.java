package dev.rehearse.cli;

import dev.rehearse.Estimation;
import dev.rehearse.InvalidInputException;
import dev.rehearse.Rehearsal;
import dev.rehearse.RehearsalFailedException;
import dev.rehearse.migrate.MigrationSources;
import dev.rehearse.model.EstimateReport;
import dev.rehearse.report.EstimateConsole;
import dev.rehearse.report.JsonReport;
import dev.rehearse.report.ReportFormats;
import dev.rehearse.report.RunbookReport;
import dev.rehearse.scenario.CliOverrides;
import dev.rehearse.scenario.ProjectConfig;
import dev.rehearse.scenario.RowCount;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code rehearse estimate}: rehearsals at several row counts on one server, fitted, predicted at the target. */
@Command(name = "estimate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Rehearse at several row counts on one server, fit each statement's cost against the rows,"
                + " and predict it at the target row count with an interval.")
final class EstimateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCENARIO.yaml", description = "Scenario file.")
    Path scenarioFile;

    @Option(names = "--scales", required = true, paramLabel = "ROWS,...",
            description = "Row counts of the scenario's largest table to rehearse at, e.g. 100k,300k,1M,3M (the other"
                    + " tables seeded in proportion).")
    String scales;

    @Option(names = "--target", paramLabel = "TABLE=ROWS,...",
            description = "Row counts to predict at, e.g. users=120M,orders=800M; repeatable. Default: the scenario's"
                    + " production_rows, else the profile's captured counts.")
    List<String> targets;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3",
            description = "Rehearsals per scale, interleaved (default 3): their spread widens the interval.")
    int repeat;

    @Option(names = "--calibrate", paramLabel = "STATEMENT=SECONDS@ROWS",
            description = "A production data point: the statement (its index, or its migration's name) took SECONDS at"
                    + " ROWS rows on the team's machine, e.g. 3=420@50M; scales every duration to that machine. Repeatable.")
    List<String> calibrate;

    @Option(names = "--engine", paramLabel = "KIND:VERSION", description = "postgres:10 .. postgres:18. Default the scenario's.")
    String engine;

    @Option(names = "--provider", paramLabel = "embedded|docker|external", description = "Where the database comes from.")
    String provider;

    @Option(names = "--url", paramLabel = "JDBC", description = "The server of --provider external (fresh databases are created on it).")
    String url;

    @picocli.CommandLine.Mixin
    SharedOptions.Login login;

    @Option(names = "--allow-writes", description = "Let --provider external write (use a disposable server).")
    Boolean allowWrites;

    @Option(names = "--no-load", description = "Run no application workload.")
    Boolean noLoad;

    @Option(names = "--seed", description = "Seed of the data generator.")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default reports/<timestamp>).")
    Path out;

    @Option(names = "--fail-on", paramLabel = "block|flag|never",
            description = "Lock hold predicted at the target that exits 1 (default block).")
    String failOn;

    @Mixin
    SharedOptions.Scope scope;

    @Mixin
    SharedOptions.Project project;

    @Override
    public Integer call() throws IOException {
        List<Long> scaleRows = scales(scales);
        Map<String, Long> targetRows = targets(targets);
        List<Estimation.Calibrate> calibrations = calibrations(calibrate);
        if (repeat < 1 || repeat > 100) throw new InvalidInputException("--repeat " + repeat + ": expected 1 to 100");
        ProjectConfig project = this.project.load();
        ScenarioLoader.Vocabulary names = new ScenarioLoader.Vocabulary(MigrationSources.names(), ReportFormats.names());
        Scenario base = ScenarioLoader.load(scenarioFile, names);
        if (base.thresholds().equals(Scenario.Thresholds.DEFAULT)) base = base.withThresholds(project.thresholds());
        Scenario scenario = ScenarioLoader.applyOverrides(base, CliOverrides.NONE
                .withEngine(engine).withProvider(provider).withUrl(url).withUser(login.user).withPassword(login.password())
                .withAllowWrites(allowWrites).withNoLoad(noLoad).withSeed(seed).withOut(out).withFailOn(failOn), names);
        if (scenario.replica()) {
            Progress.line("estimate: the scenario's replica is not rehearsed by estimate (fresh databases per scale)");
            scenario = scenario.withReplica(false);
        }
        Path scratch = Files.createTempDirectory("rehearse-estimate-");
        // the I/O probe's directory goes however the command ends, an interrupt included
        dev.rehearse.provision.Cleanup.Registration removeScratch = dev.rehearse.provision.Cleanup.register(
                "the pace probe's directory", () -> deleteTree(scratch));
        Rehearsal rehearsal = new Rehearsal(scenario, Progress::line, java.util.Set.copyOf(project.exclude()))
                .withPending(scope.pending()).withStatus(Progress.interactive() ? Progress::status : null);
        Estimation.Result result;
        try {
            result = new Estimation(scenario, new Estimation.Settings(scaleRows, repeat, targetRows, calibrations, scratch),
                    Progress::line, rehearsal).run();
        } finally {
            removeScratch.close();
        }
        EstimateReport e = result.estimate();
        System.out.print(EstimateConsole.render(e));
        System.out.flush();
        Path dir = ReportOutput.dirOrDefault(scenario.output().dir());
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("estimate.json"), JsonReport.render(e));
            for (int i = 0; i < result.reports().size(); i++) {
                EstimateReport.Run run = e.runs().get(i);
                Path report = dir.resolve(run.report());
                Files.createDirectories(report.getParent());
                Files.writeString(report, JsonReport.render(result.reports().get(i)));
            }
            Files.writeString(dir.resolve("runbook.md"), RunbookReport.render(result.runbook()));
        } catch (IOException ex) {
            throw new RehearsalFailedException("cannot write the estimate to " + dir + ": " + ex.getMessage(), ex);
        }
        Progress.line("report: " + dir.resolve("estimate.json") + " (each rehearsal's report.json under "
                + dir.resolve("scales") + "; runbook.md with the estimated durations)");
        return reached(e, scenario.output().failOn()) ? Main.VERDICT : Main.OK;
    }

    static boolean reached(EstimateReport e, Scenario.FailOn failOn) {
        return e.statements().stream().flatMap(s -> s.predictions().stream()).anyMatch(p -> switch (failOn) {
            case NEVER -> false;
            case BLOCK -> p.status().equals("BLOCK");
            case FLAG -> !p.status().equals("PASS");
        });
    }

    /** {@code 100k,300k,1M}: at least two distinct row counts, each at least 1, ascending. */
    static List<Long> scales(String text) {
        TreeSet<Long> out = new TreeSet<>();
        for (String part : text.split(",")) {
            long n;
            try {
                n = RowCount.parse(part);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--scales " + text + ": " + e.getMessage());
            }
            if (n < 1) throw new InvalidInputException("--scales " + text + ": '" + part.trim() + "' is not a positive row count");
            out.add(n);
        }
        if (out.size() < 2) {
            throw new InvalidInputException("--scales " + text + ": expected at least two distinct row counts, e.g."
                    + " 100k,300k,1M,3M, to fit how the cost grows");
        }
        return new ArrayList<>(out);
    }

    /** {@code users=120M,orders=800M}, from any number of {@code --target} flags. */
    static Map<String, Long> targets(List<String> flags) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (flags == null) return out;
        for (String flag : flags) {
            for (String part : flag.split(",")) {
                int eq = part.indexOf('=');
                if (eq <= 0 || eq == part.length() - 1) {
                    throw new InvalidInputException("--target " + flag + ": '" + part.trim() + "': expected TABLE=ROWS,"
                            + " e.g. users=120M");
                }
                long n;
                try {
                    n = RowCount.parse(part.substring(eq + 1));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException("--target " + flag + ": " + e.getMessage());
                }
                if (n < 1) throw new InvalidInputException("--target " + flag + ": expected a positive row count");
                out.put(part.substring(0, eq).trim(), n);
            }
        }
        return out;
    }

    /** {@code 3=420@50M} or {@code V7__index.sql=7min@50M}: seconds (or a duration with its unit) at a row count. */
    static List<Estimation.Calibrate> calibrations(List<String> flags) {
        List<Estimation.Calibrate> out = new ArrayList<>();
        if (flags == null) return out;
        for (String flag : flags) {
            int eq = flag.lastIndexOf('='), at = flag.lastIndexOf('@');
            if (eq <= 0 || at < eq + 2 || at == flag.length() - 1) {
                throw new InvalidInputException("--calibrate " + flag + ": expected STATEMENT=SECONDS@ROWS, e.g. 3=420@50M");
            }
            String time = flag.substring(eq + 1, at).trim();
            double seconds;
            try {
                seconds = time.matches("[0-9]+(\\.[0-9]+)?") ? Double.parseDouble(time)
                        : dev.rehearse.scenario.Units.durationMs(time) / 1000.0;
                if (seconds <= 0) throw new IllegalArgumentException("expected a positive time");
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--calibrate " + flag + ": '" + time + "': " + e.getMessage());
            }
            long rows;
            try {
                rows = RowCount.parse(flag.substring(at + 1));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--calibrate " + flag + ": " + e.getMessage());
            }
            out.add(new Estimation.Calibrate(flag.substring(0, eq).trim(), seconds, rows));
        }
        return out;
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (java.nio.file.NoSuchFileException gone) {
            // removed already
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
