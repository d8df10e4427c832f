package dev.rehearse.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rehearse.InvalidInputException;
import dev.rehearse.analyze.ReportMerge;
import dev.rehearse.model.Report;
import dev.rehearse.report.JsonReport;
import dev.rehearse.report.ReportFormat;
import dev.rehearse.report.ReportFormats;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code rehearse report render|merge}: a stored report.json into other formats, and shard reports into one. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render a report.json into other formats, or merge shard reports into one.",
        subcommands = {ReportCommand.Render.class, ReportCommand.Merge.class})
final class ReportCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "report render or report merge; see --help");
    }

    /** The formats a re-render writes: every file format but json unless asked (it is the input). */
    private static final String RENDER_DEFAULT = "html,md,junit,sarif";

    @Command(name = "render", mixinStandardHelpOptions = true,
            description = "Re-render a report.json (from run or lint) as other formats; exits as run would at --fail-on.")
    static final class Render implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "REPORT.json", description = "A report.json written by run, lint or merge.")
        Path file;

        @Option(names = "--report", paramLabel = "FORMATS", description = "Comma-separated (default " + RENDER_DEFAULT + ").")
        String report;

        @Option(names = "--out", paramLabel = "DIR", description = "Where the files go (default: beside REPORT.json).")
        Path out;

        @Option(names = "--fail-on", paramLabel = "block|flag|never", description = "Verdict that exits 1 (default block).")
        String failOn;

        @Override
        public Integer call() {
            Report r = read(file);
            Path dir = out != null ? out : file.toAbsolutePath().getParent();
            return emit(r, dir, report, failOn);
        }
    }

    @Command(name = "merge", mixinStandardHelpOptions = true,
            description = {"Join shard reports (directories holding report.json, or the files) into one, in the order given:"
                    + " statements renumbered on one timeline, categories and verdict recomputed from all findings.",
                    "Shards of one matrix (directories holding matrix.json) join into the whole matrix: each engine's"
                            + " reports copied into --out, matrix.json compared again over all of them."})
    static final class Merge implements Callable<Integer> {

        @Parameters(arity = "1..*", paramLabel = "DIR", description = "Shard report directories (or report.json files).")
        List<Path> shards;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where the merged report goes.")
        Path out;

        @Option(names = "--report", paramLabel = "FORMATS", description = "Comma-separated (default json," + RENDER_DEFAULT + ").")
        String report;

        @Option(names = "--fail-on", paramLabel = "block|flag|never", description = "Verdict that exits 1 (default block).")
        String failOn;

        @Option(names = "--fail-on-regression", description = "Merging matrix shards: exit 1 when an engine's run"
                + " found a regression (--compare).")
        boolean failOnRegression;

        @Override
        public Integer call() {
            List<Path> matrices = shards.stream().map(ReportCommand::matrixFile).filter(Files::isRegularFile).toList();
            if (!matrices.isEmpty()) {
                if (matrices.size() != shards.size()) {
                    throw new InvalidInputException("cannot merge matrix shards (directories holding "
                            + MatrixOutput.FILE + ") with run reports: give only the one or the other");
                }
                return MatrixMerge.merge(matrices, out, failOn == null ? Scenario.FailOn.BLOCK
                        : ScenarioLoader.failOnFlag(failOn), failOnRegression);
            }
            List<Report> reports = new ArrayList<>();
            for (Path p : shards) reports.add(read(Files.isDirectory(p) ? p.resolve("report.json") : p));
            return emit(ReportMerge.merge(reports), out, report == null ? "json," + RENDER_DEFAULT : report, failOn);
        }
    }

    /** A matrix shard's matrix.json: the argument itself, or the file in the directory it names. */
    private static Path matrixFile(Path p) {
        return Files.isDirectory(p) ? p.resolve(MatrixOutput.FILE) : p;
    }

    private static int emit(Report r, Path dir, String report, String failOnFlag) {
        Scenario.FailOn failOn = failOnFlag == null ? Scenario.FailOn.BLOCK : ScenarioLoader.failOnFlag(failOnFlag);
        // the report says which command made it: lint's has no statements and no timeline
        String command = r.timeline() == null && (r.statements() == null || r.statements().isEmpty()) ? "lint" : "run";
        List<ReportFormat> formats = ReportFormats.resolve(List.of((report == null ? RENDER_DEFAULT : report).split(",")),
                command);
        ReportOutput.emit(r, dir, formats, new ReportFormat.Context(command, Progress.color(), failOn));
        return RunCommand.reached(r.verdict(), failOn) ? Main.VERDICT : Main.OK;
    }

    /** A report.json, or one line naming the file and what is wrong with it (exit 2). */
    static Report read(Path file) {
        if (!Files.isRegularFile(file)) throw new InvalidInputException(file + ": no such report.json");
        try {
            Report r = JsonReport.read(file);
            if (r == null || r.verdict() == null) {
                throw new InvalidInputException(file + ": not a rehearse report (no verdict)");
            }
            return r;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new InvalidInputException(file + (loc == null ? "" : ":" + loc.getLineNr()) + ": not a rehearse report: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage());
        }
    }
}
