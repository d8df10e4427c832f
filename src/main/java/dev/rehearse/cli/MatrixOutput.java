package dev.rehearse.cli;

import dev.rehearse.RehearsalFailedException;
import dev.rehearse.Version;
import dev.rehearse.analyze.MatrixDifferences;
import dev.rehearse.analyze.StatementFigures;
import dev.rehearse.model.Matrix;
import dev.rehearse.model.Report;
import dev.rehearse.report.JsonReport;
import dev.rehearse.report.MatrixConsole;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What {@code matrix} and a merge of its shards share: the matrix from the engines' outcomes, written and printed. */
final class MatrixOutput {

    static final String FILE = "matrix.json";

    private MatrixOutput() {}

    /** The directory of an engine's report under the matrix's: {@code postgres:16.4} is {@code postgres-16.4}. */
    static String dir(String engine) {
        return engine.replace(':', '-');
    }

    /**
     * The matrix of these outcomes, in {@code units} order.
     *
     * @param reports each engine's report, by {@code engines[].engine}; absent where it has none
     */
    static Matrix assemble(String scenario, String scenarioSha256, List<String> units, Matrix.Shard shard,
                           List<Matrix.EngineResult> results, Map<String, Report> reports) {
        List<Matrix.EngineResult> ordered = new ArrayList<>();
        for (String u : units) results.stream().filter(r -> r.engine().equals(u)).findFirst().ifPresent(ordered::add);
        List<MatrixDifferences.Entry> entries = ordered.stream().map(r -> new MatrixDifferences.Entry(r.engine(),
                EngineSpec.parse(r.engine()).kind().id(), r.status(), reports.get(r.engine()))).toList();
        Report.Noise noise = StatementFigures.noise(reports.values().stream().toList());
        return new Matrix(new Report.Tool("rehearse", Version.get()), scenario, scenarioSha256, units, shard, ordered,
                MatrixDifferences.FIELDS, noise, MatrixDifferences.of(entries));
    }

    /** Writes {@code dir/matrix.json}, prints the side-by-side table, and says where the file went. */
    static void emit(Matrix m, Path dir) {
        System.out.print(MatrixConsole.render(m, Progress.color()));
        System.out.flush();
        try {
            Files.createDirectories(dir);
            Path file = Files.writeString(dir.resolve(FILE), JsonReport.render(m));
            Progress.line("matrix: " + file);
        } catch (IOException e) {
            throw new RehearsalFailedException("cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /**
     * 3 when an engine could not be rehearsed (or, merged, no shard ran it); else 1 when an engine's verdict reached
     * {@code --fail-on} (or, with {@code --fail-on-regression}, its report lists a regression); else 0. An engine the
     * scenario does not suit ({@code incompatible}) is a result of the matrix, not a failure of it.
     */
    static int exitCode(Matrix m, Scenario.FailOn failOn, boolean failOnRegression) {
        if (m.engines().stream().anyMatch(e -> e.status().equals("failed") || e.status().equals("missing"))) {
            return Main.FAILED;
        }
        for (Matrix.EngineResult e : m.engines()) {
            if (e.verdict() != null && RunCommand.reached(e.verdict(), failOn)) return Main.VERDICT;
            if (failOnRegression && e.regressions() != null && e.regressions() > 0) return Main.VERDICT;
        }
        return Main.OK;
    }
}
