package dev.rehearse.cli;

import dev.rehearse.analyze.Rules;
import dev.rehearse.scenario.ProjectConfig;
import dev.rehearse.scenario.ScenarioLoader;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** picocli mixins for the options that run, lint and the coming commands share. */
final class SharedOptions {

    private SharedOptions() {}

    /** Where the report goes and what exits 1. */
    static final class Output {

        @Option(names = "--out", paramLabel = "DIR", description = "Report directory (default reports/<timestamp>).")
        Path out;

        @Option(names = "--report", paramLabel = "FORMATS",
                description = "Comma-separated: console, json, md, sarif (run default console,json,md; lint default console).")
        String report;

        @Option(names = "--fail-on", paramLabel = "block|flag|never", description = "Verdict that exits 1 (default block).")
        String failOn;
    }

    /** The project configuration, {@code .rehearse.yaml}. */
    static final class Project {

        @Option(names = "--config", paramLabel = "FILE",
                description = "Project configuration (default ./.rehearse.yaml when present).")
        Path config;

        ProjectConfig load() {
            if (config != null) return ScenarioLoader.loadProjectConfig(config, Rules::known);
            Path dflt = Path.of(".rehearse.yaml");
            return Files.isRegularFile(dflt) ? ScenarioLoader.loadProjectConfig(dflt, Rules::known) : ProjectConfig.NONE;
        }
    }
}
