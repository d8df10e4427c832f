package dev.rehearse.cli;

import dev.rehearse.InvalidInputException;
import dev.rehearse.RehearsalFailedException;
import dev.rehearse.model.Matrix;
import dev.rehearse.model.Report;
import dev.rehearse.provision.Cleanup;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ScenarioLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code rehearse matrix}: one scenario rehearsed on each engine version by {@code run} itself (each engine's run is
 * the command line {@code rehearse run ARGS --engine E --out DIR/E}, parsed and executed as typed, so its report says
 * how to reproduce it alone), then the engines' reports compared side by side.
 */
@Command(name = "matrix", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Rehearse one scenario on several engine versions and report where they differ, from measurement.",
                "Every argument other than the options below is run's (the scenario file, --rows, --no-load, --seed,"
                        + " --pending...), passed to each engine's run as written."},
        footer = {"", "Each engine's reports go to DIR/<engine>/ (postgres:12 -> DIR/postgres-12/), the differences to"
                + " DIR/matrix.json. Shards of one matrix join with: rehearse report merge SHARD_DIR... --out DIR"})
final class MatrixCommand implements Callable<Integer> {

    private static final Pattern SHARD = Pattern.compile("(\\d+)/(\\d+)");
    private static final Set<String> OWN = Set.of("--engine", "--out", "--report", "--fail-on", "--compare",
            "--fail-on-regression");

    @Option(names = "--engines", required = true, split = ",", paramLabel = "KIND:VERSION",
            description = "The engines, comma-separated, e.g. postgres:12,postgres:14,postgres:16,mariadb:10.11.")
    List<String> engines;

    @Option(names = "--shard", paramLabel = "i/n",
            description = "Run only shard i of n: engine k (from 0, in --engines order) is shard k mod n + 1."
                    + " Every shard writes its part; report merge joins them into the whole matrix.")
    String shard;

    @Option(names = "--out", paramLabel = "DIR", description = "Where matrix.json and DIR/<engine>/ go (default reports/<timestamp>).")
    Path out;

    @Option(names = "--report", paramLabel = "FORMATS",
            description = "Each engine's report files (default json,md; json is always written; the console shows the matrix).")
    String report;

    @Option(names = "--fail-on", paramLabel = "block|flag|never",
            description = "An engine's verdict that exits 1 (default block).")
    String failOn;

    @Option(names = "--compare", paramLabel = "PREVIOUS_DIR",
            description = "An earlier matrix's --out: each engine's run is compared with PREVIOUS_DIR/<engine>/report.json.")
    Path compare;

    @Option(names = "--fail-on-regression", description = "Exit 1 when --compare finds a regression on any engine.")
    boolean failOnRegression;

    @Unmatched
    List<String> runArgs = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> units = units(engines);
        Matrix.Shard slice = shard == null ? null : shard(shard, units.size());
        Scenario.FailOn fail = failOn == null ? Scenario.FailOn.BLOCK : ScenarioLoader.failOnFlag(failOn);
        for (String a : runArgs) {
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (OWN.contains(name)) {
                throw new InvalidInputException(name + " is matrix's own option; --engines names the engines");
            }
        }
        if (compare != null && !Files.isDirectory(compare)) {
            throw new InvalidInputException("--compare: " + compare + " is not an earlier matrix's directory");
        }
        List<String> mine = new ArrayList<>();
        for (int k = 0; k < units.size(); k++) if (slice == null || slice.owns(k)) mine.add(units.get(k));
        // the default directory is created only once the input is known to be good: a mistake leaves nothing behind
        Path planned = out != null ? out : Path.of("reports", "matrix");

        // Everything each run reads before a server starts, for every engine first: invalid flags or a scenario that
        // reads nowhere are the user's mistake (exit 2); a scenario that reads on some engines only suits those.
        Map<String, String> unreadable = new LinkedHashMap<>();
        RunCommand probe = null;
        for (String e : mine) {
            RunCommand run = parse(e, planned);
            probe = run;
            try {
                run.check();
            } catch (InvalidInputException x) {
                unreadable.put(e, x.getMessage());
            }
        }
        if (!mine.isEmpty() && unreadable.size() == mine.size()) {
            throw new InvalidInputException(unreadable.values().iterator().next());
        }
        Path scenarioFile = probe == null ? parse(units.get(0), planned).scenarioFile : probe.scenarioFile;
        Path dir = ReportOutput.dirOrDefault(out);
        String sha = Provenance.scenarioSha256(runArgs, scenarioFile);
        if (mine.isEmpty()) Progress.line("matrix: shard " + slice + " has no engine of the " + units.size());

        List<Matrix.EngineResult> results = new ArrayList<>();
        Map<String, Report> reports = new LinkedHashMap<>();
        int n = 0;
        for (String e : mine) {
            n++;
            Progress.line("matrix: " + e + " (" + n + " of " + mine.size() + (slice == null ? "" : ", shard " + slice) + ")");
            if (unreadable.containsKey(e)) {
                Progress.line("matrix: " + e + ": incompatible: " + unreadable.get(e));
                results.add(new Matrix.EngineResult(e, MatrixOutput.dir(e), null, "incompatible", null, unreadable.get(e),
                        null, null));
                continue;
            }
            results.add(rehearse(e, dir, reports));
            if (Cleanup.shuttingDown()) throw new RehearsalFailedException("interrupted");
        }
        Matrix m = MatrixOutput.assemble(scenarioFile == null ? null : scenarioFile.toString(), sha, units, slice,
                results, reports);
        MatrixOutput.emit(m, dir);
        return MatrixOutput.exitCode(m, fail, failOnRegression);
    }

    /** One engine's run, as {@code rehearse run} does it, into {@code dir/<engine>/}; its outcome either way. */
    private Matrix.EngineResult rehearse(String engine, Path dir, Map<String, Report> reports) {
        String sub = MatrixOutput.dir(engine);
        RunCommand run = parse(engine, dir);
        String status = "rehearsed", error = null;
        try {
            if (run.call() == Main.INVALID_INPUT) {
                status = "incompatible";
                error = run.syntaxError;
            }
        } catch (InvalidInputException x) {
            // the scenario read on this engine but does not run there (its baseline schema, say): a result, not a stop
            status = "incompatible";
            error = x.getMessage();
        } catch (RehearsalFailedException x) {
            if (Cleanup.shuttingDown()) throw x;
            status = "failed";
            error = x.getMessage();
        } catch (RuntimeException x) {
            if (Cleanup.shuttingDown()) throw x;
            System.err.println("rehearse: internal error on " + engine + ": " + x);
            x.printStackTrace(System.err);
            status = "failed";
            error = "internal error: " + x;
        }
        if (error != null) Progress.line("matrix: " + engine + ": " + status + ": " + error.lines().findFirst().orElse(""));
        Report r = run.report;
        if (r != null) reports.put(engine, r);
        return new Matrix.EngineResult(engine, sub, r == null || r.engine() == null ? null : r.engine().version(), status,
                r == null ? null : r.verdict(), error, r == null ? null : sub + "/report.json",
                r == null || r.comparison() == null ? null : r.comparison().regressions().size());
    }

    /** {@code rehearse run ARGS --engine E --out DIR/E ...}, parsed as the command line would be. */
    private RunCommand parse(String engine, Path dir) {
        List<String> argv = new ArrayList<>(List.of("run"));
        argv.addAll(runArgs);
        argv.addAll(List.of("--engine", engine, "--out", dir.resolve(MatrixOutput.dir(engine)).toString(),
                "--report", formats()));
        if (failOn != null) argv.addAll(List.of("--fail-on", failOn));
        if (compare != null) {
            Path previous = compare.resolve(MatrixOutput.dir(engine)).resolve("report.json");
            if (Files.isRegularFile(previous)) argv.addAll(List.of("--compare", previous.toString()));
        }
        try {
            // the root as Main builds it for "run", so run's report stamps this engine's own command line
            CommandLine root = new CommandLine(new Main()).addSubcommand(RunCommand.class);
            CommandLine.ParseResult parsed = root.parseArgs(argv.toArray(String[]::new));
            return (RunCommand) parsed.subcommand().commandSpec().userObject();
        } catch (CommandLine.ParameterException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    /** Each engine's report formats: json always (the matrix and a merge read it), the console never (the matrix's). */
    private String formats() {
        Set<String> f = new LinkedHashSet<>(List.of("json"));
        for (String x : (report == null ? "json,md" : report).split(",")) {
            if (!x.isBlank() && !x.strip().equals("console")) f.add(x.strip());
        }
        return String.join(",", f);
    }

    /** The engines as given, each checked, none twice. */
    static List<String> units(List<String> engines) {
        List<String> out = new ArrayList<>();
        for (String e : engines) {
            if (e.isBlank()) continue;
            EngineSpec spec;
            try {
                spec = EngineSpec.parse(e);
            } catch (IllegalArgumentException x) {
                throw new InvalidInputException("--engines: " + x.getMessage());
            }
            String label = spec.toString();
            if (out.contains(label)) throw new InvalidInputException("--engines: " + label + " is listed twice");
            out.add(label);
        }
        if (out.isEmpty()) throw new InvalidInputException("--engines: expected at least one engine, e.g. postgres:16");
        return out;
    }

    /** {@code i/n} with 1 <= i <= n. */
    static Matrix.Shard shard(String text, int units) {
        Matcher m = SHARD.matcher(text.strip());
        if (!m.matches()) throw new InvalidInputException("--shard: expected i/n such as 1/3, got '" + text + "'");
        int i, n;
        try {
            i = Integer.parseInt(m.group(1));
            n = Integer.parseInt(m.group(2));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--shard: '" + text + "' is out of range");
        }
        if (n < 1 || i < 1 || i > n) {
            throw new InvalidInputException("--shard " + text + ": expected 1 <= i <= n (shard " + i + " of " + n + ")");
        }
        return new Matrix.Shard(i, n);
    }
}
