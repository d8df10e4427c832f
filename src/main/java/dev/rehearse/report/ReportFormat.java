package dev.rehearse.report;

import dev.rehearse.model.Report;
import dev.rehearse.scenario.Scenario;

import java.util.Set;

/**
 * One output of the report model. Found by {@link ReportFormats} through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.rehearse.report.ReportFormat}); needs a public no-argument constructor.
 */
public interface ReportFormat {

    /** The {@code --report} id. */
    String id();

    /** The file it writes into the report directory, or null when it prints to standard output (the console). */
    String fileName();

    /** The commands that offer it ({@code run}, {@code lint}). */
    Set<String> commands();

    String render(Report report, Context context);

    /**
     * @param command the command that made the report ({@code run} or {@code lint})
     * @param color whether the output is a terminal that takes ANSI colour
     * @param failOn the verdict that fails the build ({@code --fail-on}): what a CI format (JUnit) counts as failed
     */
    record Context(String command, boolean color, Scenario.FailOn failOn) {

        public Context {
            failOn = failOn == null ? Scenario.FailOn.BLOCK : failOn;
        }

        public Context(String command, boolean color) {
            this(command, color, Scenario.FailOn.BLOCK);
        }
    }
}
