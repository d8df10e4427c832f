package dev.rehearse.report;

import dev.rehearse.model.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Writes the file formats of a report into the run's output directory. */
public final class ReportWriter {

    private ReportWriter() {}

    /**
     * Writes {@code report.json} for {@code json}, {@code report.md} for {@code md} and {@code report.sarif} for {@code sarif}, in that order. {@code console}
     * is the caller's to print; other names (junit, html, or unknown ones, validated by the CLI) are skipped.
     *
     * @return the files written
     */
    public static List<Path> write(Report report, Path outDir, Set<String> formats) throws IOException {
        List<Path> written = new ArrayList<>();
        if (formats.contains("json")) written.add(write(outDir.resolve("report.json"), JsonReport.render(report)));
        if (formats.contains("md")) written.add(write(outDir.resolve("report.md"), MarkdownReport.render(report)));
        if (formats.contains("sarif")) written.add(write(outDir.resolve("report.sarif"), SarifReport.render(report)));
        return written;
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
