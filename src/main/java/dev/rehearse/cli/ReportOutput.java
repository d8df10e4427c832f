package dev.rehearse.cli;

import dev.rehearse.RehearsalFailedException;
import dev.rehearse.model.Report;
import dev.rehearse.report.ReportWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/** Where run and lint put their report files, and how they say so. */
final class ReportOutput {

    private ReportOutput() {}

    /** {@code dir}, or {@code reports/<timestamp>} when the user named none. */
    static Path dirOrDefault(Path dir) {
        return dir != null ? dir
                : Path.of("reports", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss")));
    }

    /** Writes the file formats among {@code formats} (console is printed by the caller) and names each file. */
    static void write(Report report, Path dir, Set<String> formats) {
        try {
            for (Path written : ReportWriter.write(report, dir, formats)) Progress.line("report: " + written);
        } catch (IOException e) {
            throw new RehearsalFailedException("cannot write the report to " + dir + ": " + e.getMessage(), e);
        }
    }
}
