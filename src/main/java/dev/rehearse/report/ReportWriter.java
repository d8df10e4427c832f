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
     * Writes each registered format among {@code formats} that has a file (in registration order: report.json,
     * report.md, report.sarif, then plug-ins'); formats printed to standard output and names this build does not
     * write are skipped (the CLI validated them).
     *
     * @return the files written
     */
    public static List<Path> write(Report report, Path outDir, Set<String> formats) throws IOException {
        return write(report, outDir, ReportFormats.all().stream().filter(f -> formats.contains(f.id())).toList(),
                new ReportFormat.Context("run", false));
    }

    public static List<Path> write(Report report, Path outDir, List<ReportFormat> formats, ReportFormat.Context context)
            throws IOException {
        List<Path> written = new ArrayList<>();
        for (ReportFormat f : formats) {
            if (f.fileName() == null) continue;
            Path file = outDir.resolve(f.fileName());
            Files.createDirectories(file.getParent());
            written.add(Files.writeString(file, f.render(report, context), StandardCharsets.UTF_8));
        }
        return written;
    }
}
