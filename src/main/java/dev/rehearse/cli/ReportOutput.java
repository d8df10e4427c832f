package dev.rehearse.cli;

import dev.rehearse.RehearsalFailedException;
import dev.rehearse.model.Report;
import dev.rehearse.report.ReportFormat;
import dev.rehearse.report.ReportWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Where run and lint put their report, and how they say so. */
final class ReportOutput {

    private ReportOutput() {}

    /**
     * {@code dir}, or {@code reports/<timestamp>} when the user named none: created here, atomically, with a
     * {@code -2}, {@code -3}... suffix when another run took that second's name, so two runs never share one.
     */
    static Path dirOrDefault(Path dir) {
        if (dir != null) return dir;
        Path base = Path.of("reports", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss")));
        try {
            java.nio.file.Files.createDirectories(base.getParent());
            for (int n = 1; ; n++) {
                Path candidate = n == 1 ? base : Path.of(base + "-" + n);
                try {
                    return java.nio.file.Files.createDirectory(candidate);
                } catch (java.nio.file.FileAlreadyExistsException taken) {
                    // another run's, this second: the next suffix
                }
            }
        } catch (IOException e) {
            throw new RehearsalFailedException("cannot create the report directory " + base + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fails now, before any rehearsal, when {@code --out DIR} cannot take a file: a path through a regular file, a
     * directory that cannot be written (read-only file system, permissions; root bypasses modes, so the test is a
     * real file made and removed). What this creates on the way is removed again; nothing is left for a later failure.
     */
    static void requireWritable(Path dir, String flag) {
        if (dir == null) return; // reports/<timestamp>: made at the end, and its parent's failure is exit 3 there
        Path abs = dir.toAbsolutePath().normalize();
        java.util.Deque<Path> made = new java.util.ArrayDeque<>();
        try {
            Path existing = abs;
            while (existing != null && !java.nio.file.Files.exists(existing)) existing = existing.getParent();
            if (existing != null && !java.nio.file.Files.isDirectory(existing)) {
                throw new dev.rehearse.InvalidInputException(flag + " " + dir + ": " + existing + " is a file, not a directory");
            }
            for (Path p = existing == null ? abs.getRoot() : existing; !p.equals(abs); ) {
                p = p.resolve(abs.getName(p.getNameCount()));
                made.push(java.nio.file.Files.createDirectory(p));
            }
            java.nio.file.Files.delete(java.nio.file.Files.createTempFile(abs, ".rehearse-write-check", ""));
        } catch (IOException | SecurityException e) {
            String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason()
                    : e instanceof java.nio.file.NoSuchFileException ? "no directory can be made there"
                    : e.getClass().getSimpleName();
            throw new dev.rehearse.InvalidInputException(flag + " " + dir + ": cannot write there (" + why
                    + "); checked before the rehearsal");
        } finally {
            while (!made.isEmpty()) {
                try {
                    java.nio.file.Files.deleteIfExists(made.pop());
                } catch (IOException ignored) {
                    // not empty or already gone: someone else's now
                }
            }
        }
    }

    /**
     * The report of an interrupted run, without progress lines (the shutdown says where it went, in its one line):
     * the standard-output formats printed, the file formats written. Returns the directory, or null when none.
     */
    static Path emitQuietly(Report report, Path dir, List<ReportFormat> formats, ReportFormat.Context context)
            throws IOException {
        for (ReportFormat f : formats) {
            if (f.fileName() == null) System.out.print(f.render(report, context));
        }
        System.out.flush();
        if (formats.stream().allMatch(f -> f.fileName() == null)) return null;
        Path out = dirOrDefault(dir);
        ReportWriter.write(report, out, formats, context);
        return out;
    }

    /** Prints the standard-output formats, then writes the file formats into {@code dir} and names each file. */
    static void emit(Report report, Path dir, List<ReportFormat> formats, ReportFormat.Context context) {
        for (ReportFormat f : formats) {
            if (f.fileName() == null) System.out.print(f.render(report, context));
        }
        System.out.flush();
        if (formats.stream().allMatch(f -> f.fileName() == null)) return;
        try {
            for (Path written : ReportWriter.write(report, dirOrDefault(dir), formats, context)) {
                Progress.line("report: " + written);
            }
        } catch (IOException e) {
            throw new RehearsalFailedException("cannot write the report to " + dir + ": " + e.getMessage(), e);
        }
    }
}
