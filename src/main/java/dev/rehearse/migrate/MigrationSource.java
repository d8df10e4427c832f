package dev.rehearse.migrate;

import dev.rehearse.scenario.Scenario;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads a migration tool's folder into migrations, with the transaction wrapping that tool gives each unit. Found by
 * {@link MigrationSources} through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.rehearse.migrate.MigrationSource}); needs a public no-argument constructor.
 */
public interface MigrationSource {

    /** The {@code --format} / {@code migrations.format} id. */
    String format();

    /** Whether a path is laid out the way this tool keeps its migrations (for detection without --format). */
    boolean detect(Path path);

    /**
     * @throws dev.rehearse.InvalidInputException naming file and line for anything unreadable or malformed
     */
    List<Migration> read(List<Path> paths, Context context);

    /**
     * What a source needs from the run.
     *
     * @param splitter the target engine's splitter, at its version
     * @param transaction the deploy's wrapping setting ({@code migrations.transaction}, {@code .rehearse.yaml})
     * @param engine the target engine and version, for a source that renders SQL per engine (Rails); null when
     *               the caller does not say (then PostgreSQL 16)
     */
    record Context(SqlSplitter splitter, Scenario.Transaction transaction, dev.rehearse.scenario.EngineSpec engine) {

        public Context(SqlSplitter splitter, Scenario.Transaction transaction) {
            this(splitter, transaction, null);
        }
    }
}
