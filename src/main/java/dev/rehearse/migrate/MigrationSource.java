package dev.rehearse.migrate;

import dev.rehearse.scenario.EngineSpec;
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
     * @param engine the target engine, for a source that renders SQL per engine (Liquibase, Rails); null: postgres:16
     * @param contexts the deploy's context expression ({@code --contexts}, {@code migrations.contexts}); null: none
     * @param labels the deploy's label expression ({@code --labels}, {@code migrations.labels}); null: none
     */
    record Context(SqlSplitter splitter, Scenario.Transaction transaction, EngineSpec engine, String contexts,
                   String labels) {

        public Context(SqlSplitter splitter, Scenario.Transaction transaction) {
            this(splitter, transaction, null, null, null);
        }

        public Context(SqlSplitter splitter, Scenario.Transaction transaction, EngineSpec engine) {
            this(splitter, transaction, engine, null, null);
        }
    }
}
