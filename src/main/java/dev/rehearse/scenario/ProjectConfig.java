package dev.rehearse.scenario;

import java.nio.file.Path;
import java.util.List;

/**
 * The project configuration, {@code .rehearse.yaml} in the working directory (or {@code --config FILE}).
 *
 * @param engine the engine version lint assumes; null = the command's default
 * @param exclude rule ids accepted project-wide: their findings are listed as suppressed
 * @param thresholds the scenario thresholds used when a scenario sets none
 * @param lockTimeoutMs the lock_timeout the deploy sets itself; null = none known
 * @param transaction how the migration tool wraps files, as the scenario's migrations.transaction
 */
public record ProjectConfig(Path file, EngineSpec engine, List<String> exclude, Scenario.Thresholds thresholds,
                            Integer lockTimeoutMs, Scenario.Transaction transaction) {

    public static final ProjectConfig NONE = new ProjectConfig(null, null, List.of(), Scenario.Thresholds.DEFAULT, null,
            Scenario.Transaction.AUTO);
}
