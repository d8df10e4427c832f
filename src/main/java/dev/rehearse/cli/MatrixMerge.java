package dev.rehearse.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rehearse.InvalidInputException;
import dev.rehearse.RehearsalFailedException;
import dev.rehearse.model.Matrix;
import dev.rehearse.model.Report;
import dev.rehearse.report.JsonReport;
import dev.rehearse.scenario.Scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Shards of one matrix joined into the whole ({@code rehearse report merge SHARD... --out DIR}): each engine's
 * directory copied from the shard that ran it, and matrix.json compared again over every engine's report, in the
 * order of {@code --engines}, so that the result is what one unsharded matrix would have written.
 */
final class MatrixMerge {

    private MatrixMerge() {}

    static int merge(List<Path> files, Path out, Scenario.FailOn failOn, boolean failOnRegression) {
        List<Matrix> shards = new ArrayList<>();
        for (Path f : files) shards.add(read(f));
        Matrix first = shards.get(0);
        for (int i = 1; i < shards.size(); i++) {
            Matrix m = shards.get(i);
            if (!Objects.equals(m.units(), first.units()) || !Objects.equals(m.scenarioSha256(), first.scenarioSha256())) {
                throw new InvalidInputException(files.get(i) + ": a shard of another matrix (engines " + m.units()
                        + ", scenario " + m.scenarioSha256() + "; " + files.get(0) + " has " + first.units() + ", "
                        + first.scenarioSha256() + ")");
            }
        }
        List<Matrix.EngineResult> results = new ArrayList<>();
        Map<String, Report> reports = new LinkedHashMap<>();
        for (String unit : first.units()) {
            int from = -1;
            for (int i = 0; i < shards.size() && from < 0; i++) {
                if (shards.get(i).engines().stream().anyMatch(e -> e.engine().equals(unit))) from = i;
            }
            if (from < 0) {
                Progress.line("merge: no shard ran " + unit + " (" + shards.size() + " shards given)");
                results.add(new Matrix.EngineResult(unit, MatrixOutput.dir(unit), null, "missing", null,
                        "no shard given to the merge ran it", null, null));
                continue;
            }
            Matrix.EngineResult e = shards.get(from).engines().stream().filter(x -> x.engine().equals(unit)).findFirst()
                    .orElseThrow();
            Path base = files.get(from).toAbsolutePath().getParent();
            copy(base.resolve(e.dir()), out.resolve(e.dir()));
            if (e.report() != null) reports.put(unit, ReportCommand.read(out.resolve(e.report())));
            results.add(e);
        }
        Matrix whole = MatrixOutput.assemble(first.scenario(), first.scenarioSha256(), first.units(), null, results,
                reports);
        MatrixOutput.emit(whole, out);
        return MatrixOutput.exitCode(whole, failOn, failOnRegression);
    }

    private static Matrix read(Path file) {
        try {
            Matrix m = JsonReport.readMatrix(file);
            if (m == null || m.units() == null || m.engines() == null) {
                throw new InvalidInputException(file + ": not a rehearse matrix (no units or engines)");
            }
            return m;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new InvalidInputException(file + (loc == null ? "" : ":" + loc.getLineNr()) + ": not a rehearse matrix: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** The engine's report directory, file by file (a merge into the shard's own directory copies nothing). */
    private static void copy(Path from, Path to) {
        if (!Files.isDirectory(from)) return;
        try {
            if (Files.exists(to) && Files.isSameFile(from, to)) return;
            try (Stream<Path> all = Files.walk(from)) {
                for (Path p : (Iterable<Path>) all::iterator) {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) Files.createDirectories(target);
                    else Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new RehearsalFailedException("cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }
}
