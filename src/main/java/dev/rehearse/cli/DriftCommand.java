package dev.rehearse.cli;

import dev.rehearse.DriftCheck;
import dev.rehearse.InvalidInputException;
import dev.rehearse.RehearsalFailedException;
import dev.rehearse.model.Drift;
import dev.rehearse.report.DriftReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code rehearse drift}: does production still match the migration history? */
@Command(name = "drift", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare a live database's schema with the one its migration history builds.",
                "Reads the target only (a READ ONLY transaction, catalogs and the migration tool's bookkeeping table,"
                        + " no table rows), applies the history on an embedded server of the target's engine and version,"
                        + " and reports what is only in production, only in the history, or different.",
                "Exit codes: 0 no drift, 1 drift, 2 invalid input, 3 could not run."})
final class DriftCommand implements Callable<Integer> {

    @Option(names = "--url", required = true, paramLabel = "JDBC", description = "The database to check, e.g. jdbc:postgresql://host/app.")
    String url;

    @Mixin
    SharedOptions.Login login;

    @Option(names = "--migrations", required = true, arity = "1..*", paramLabel = "PATH",
            description = "The migration history: files or folders, as run takes them.")
    List<Path> migrations;

    @Option(names = "--format", description = "The migration tool (flyway, liquibase, prisma, drizzle, rails, diesel, sql, ...;"
            + " default: detected from the layout).")
    String format;

    @Option(names = "--schema-only", description = "Compare the schemas only: the migration tool's bookkeeping table is not read either.")
    boolean schemaOnly;

    @Option(names = "--include-privileges", description = "Compare owners and grants too (by default they are not drift).")
    boolean includePrivileges;

    @Option(names = "--out", paramLabel = "DIR", description = "Where drift.json and drift.md go (default reports/<timestamp>).")
    Path out;

    @Option(names = "--report", paramLabel = "FORMATS", description = "Comma-separated: console, json, md (default all three).")
    String report = "console,json,md";

    @Override
    public Integer call() {
        List<String> formats = Arrays.stream(report.split(",")).map(f -> f.trim().toLowerCase(Locale.ROOT)).toList();
        for (String f : formats) {
            if (!List.of("console", "json", "md").contains(f)) {
                throw new InvalidInputException("--report: unknown format '" + f + "' for drift (expected console, json, md)");
            }
        }
        for (Path p : migrations) {
            if (!Files.exists(p)) throw new InvalidInputException("--migrations: " + p + " does not exist");
        }
        boolean files = formats.contains("json") || formats.contains("md");
        if (files && out != null) writable(out); // before the server starts, not after the whole check
        Drift d = new DriftCheck(Progress::line).check(new DriftCheck.Target(url, login.user, login.password()),
                new DriftCheck.Options(migrations, format, schemaOnly, includePrivileges));
        if (formats.contains("console")) System.out.print(DriftReport.console(d));
        if (files) {
            Path dir = ReportOutput.dirOrDefault(out);
            try {
                Files.createDirectories(dir);
                if (formats.contains("json")) Files.writeString(dir.resolve("drift.json"), DriftReport.json(d));
                if (formats.contains("md")) Files.writeString(dir.resolve("drift.md"), DriftReport.markdown(d));
            } catch (IOException e) {
                throw new RehearsalFailedException("cannot write the drift report to " + dir + ": " + e.getMessage(), e);
            }
            Progress.line("drift: report in " + dir);
        }
        return d.drifted() ? Main.VERDICT : Main.OK;
    }

    private static void writable(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".rehearse-", ".probe");
            Files.delete(probe);
        } catch (IOException e) {
            throw new InvalidInputException("--out: cannot write to " + dir + ": " + e.getMessage());
        }
    }
}
