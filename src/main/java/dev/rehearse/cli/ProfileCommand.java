package dev.rehearse.cli;

import dev.rehearse.InvalidInputException;
import dev.rehearse.RehearsalFailedException;
import dev.rehearse.dialect.Dialect;
import dev.rehearse.engine.Engine;
import dev.rehearse.engine.EngineRuntime;
import dev.rehearse.engine.Engines;
import dev.rehearse.scenario.ServerVersion;
import dev.rehearse.seed.Profile;
import dev.rehearse.seed.ProfileWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

/** {@code rehearse profile}: data profiles; {@code capture} writes one from a live database's statistics. */
@Command(name = "profile", mixinStandardHelpOptions = true, description = "Data profiles (seed-data/*.yaml).",
        subcommands = ProfileCommand.Capture.class)
final class ProfileCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (capture); see --help");
    }

    @Command(name = "capture", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Write a data profile from a live database's schema and planner statistics (pg_class, pg_stats).",
                    "Reads no table rows and writes nothing to the database; ANALYZE the tables first."})
    static final class Capture implements Callable<Integer> {

        @Option(names = "--url", required = true, paramLabel = "JDBC", description = "The database, e.g. jdbc:postgresql://host:5432/app.")
        String url;

        @Option(names = "--user", description = "User for --url.")
        String user;

        @Option(names = "--password", description = "Password for --url (or PGPASSWORD).")
        String password;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write, e.g. seed-data/app.yaml.")
        Path out;

        @Option(names = "--keep-values", description = "Keep most-common values and text histogram bounds as they are"
                + " (they may be personal data); by default they are replaced by synthetic values.")
        boolean keepValues;

        @Override
        public Integer call() {
            Engine engine = Engines.ofUrl(url);
            EngineRuntime runtime = engine.runtime().orElseThrow();
            Dialect dialect = engine.dialect(ServerVersion.LATEST);
            Properties props = dialect.connectionProperties("rehearse-profile-capture");
            if (user != null) props.setProperty("user", user);
            String pw = password != null ? password
                    : dialect.passwordVariable() == null ? null : System.getenv(dialect.passwordVariable());
            if (pw != null) props.setProperty("password", pw);
            props.setProperty("readOnly", "true");
            Profile profile;
            List<String> warnings = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(url, props)) {
                c.setReadOnly(true);
                profile = runtime.profileCapture().capture(c, keepValues, warnings::add);
            } catch (SQLException e) {
                throw new RehearsalFailedException("profile capture: cannot read " + redact(url) + ": " + e.getMessage(), e);
            }
            warnings.forEach(w -> Progress.line("profile capture: warning: " + w));
            String values = keepValues
                    ? "Most-common values and text histogram bounds are kept as they are in the database (--keep-values)."
                    : "Most-common values of text columns were replaced by synthetic values of the same frequency and width;"
                    + " text histogram bounds were left out (--keep-values keeps them).";
            List<String> header = List.of(
                    "Captured by `rehearse profile capture` from " + redact(url) + " at " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ".",
                    "Read from statistics only (" + runtime.profileCapture().sources() + "); no table rows were read.",
                    values,
                    "Set scale to seed at another size: 0.01 gives a hundredth of every table.");
            try {
                if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
                Files.writeString(out, ProfileWriter.write(profile, header));
            } catch (IOException e) {
                throw new InvalidInputException("--out: cannot write " + out + ": " + e.getMessage());
            }
            long columns = profile.tables().values().stream().mapToLong(t -> t.columns().size()).sum();
            Progress.line("profile capture: " + profile.tables().size() + " tables, " + columns + " profiled columns -> " + out);
            Progress.line("profile capture: read statistics only; no table rows were read");
            Progress.line("profile capture: " + values);
            return Main.OK;
        }

        /** The URL without a password parameter. */
        static String redact(String url) {
            return url.replaceAll("(?i)(password=)[^&]*", "$1***");
        }
    }
}
