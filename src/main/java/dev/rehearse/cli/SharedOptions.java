package dev.rehearse.cli;

import dev.rehearse.analyze.Rules;
import dev.rehearse.engine.Engines;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.PendingSet;
import dev.rehearse.scenario.ProjectConfig;
import dev.rehearse.scenario.ScenarioLoader;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/** picocli mixins for the options that run, lint and the coming commands share. */
final class SharedOptions {

    private SharedOptions() {}

    /** Where the report goes and what exits 1. */
    static final class Output {

        @Option(names = "--out", paramLabel = "DIR", description = "Report directory (default reports/<timestamp>).")
        Path out;

        @Option(names = "--report", paramLabel = "FORMATS",
                description = "Comma-separated: console, json, md, sarif, junit, html (run default console,json,md; lint default console).")
        String report;

        @Option(names = "--fail-on", paramLabel = "block|flag|never", description = "Verdict that exits 1 (default block).")
        String failOn;
    }

    /** Which migrations are being shipped; the rest of the folder is the deployed baseline. */
    static final class Scope {

        @Option(names = "--pending", paramLabel = "PATH", arity = "1..*",
                description = "Migration files or folders being shipped; repeatable. The rest is the deployed state.")
        List<Path> pending;

        @Option(names = "--from", paramLabel = "VERSION", description = "Everything after this version is pending.")
        String from;

        @Option(names = "--changed-since", paramLabel = "GIT_REF",
                description = "Migrations added or changed since this git ref (and untracked ones) are pending.")
        String changedSince;

        /** Null when none was given: each migration is then pending on its own. */
        Predicate<Migration> pending() {
            return PendingSet.of(pending, from, changedSince);
        }
    }

    /** Which changeSets a Liquibase deploy runs, as Liquibase's own {@code --contexts} / {@code --labels} say it. */
    static final class ChangeSetFilter {

        @Option(names = "--contexts", paramLabel = "EXPRESSION",
                description = "Liquibase contexts of the deploy, e.g. \"prod and !test\" (default: every changeSet).")
        String contexts;

        @Option(names = "--labels", paramLabel = "EXPRESSION",
                description = "Liquibase label expression of the deploy, e.g. \"v2 or hotfix\" (default: every changeSet).")
        String labels;
    }

    /** The project configuration, {@code .rehearse.yaml}. */
    static final class Project {

        @Option(names = "--config", paramLabel = "FILE",
                description = "Project configuration (default ./.rehearse.yaml when present).")
        Path config;

        ProjectConfig load() {
            return load(Path.of(""));
        }

        /** {@code --config}, else {@code .rehearse.yaml} in {@code cwd} when anything of that name is there. */
        ProjectConfig load(Path cwd) {
            if (config != null) return ScenarioLoader.loadProjectConfig(config, Rules::known, Engines::unsupported);
            Path dflt = cwd.resolve(".rehearse.yaml");
            // a directory (or anything else) of that name is a mistake to say, not a configuration to skip silently
            return Files.exists(dflt) ? ScenarioLoader.loadProjectConfig(dflt, Rules::known, Engines::unsupported)
                    : ProjectConfig.NONE;
        }
    }

    /** How to log in to a database the user points at: the user, and a password kept out of {@code ps}. */
    static final class Login {

        @Option(names = "--user", description = "User for --url.")
        String user;

        @Option(names = "--password", description = "Password for --url (visible to other local users through ps:"
                + " prefer --password-file, PGPASSWORD / MYSQL_PWD, or the driver's pgpass).")
        String password;

        @Option(names = "--password-file", paramLabel = "FILE", description = "A file whose first line is the password for --url.")
        Path passwordFile;

        /** {@code --password}, else the first line of {@code --password-file}; null without either. */
        String password() {
            if (password != null) {
                Progress.line("--password is visible to other local users (ps); prefer --password-file or "
                        + "PGPASSWORD / MYSQL_PWD");
                return password;
            }
            return firstLine(passwordFile, "--password-file");
        }

        /** The first line of a password file ("" when it is empty); null without one. */
        static String firstLine(Path file, String flag) {
            if (file == null) return null;
            try {
                return Files.readAllLines(file).stream().findFirst().orElse("");
            } catch (java.io.IOException e) {
                throw new dev.rehearse.InvalidInputException(flag + ": cannot read " + file + ": " + e.getMessage());
            }
        }
    }
}
