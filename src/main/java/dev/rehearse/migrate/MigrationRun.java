package dev.rehearse.migrate;

import java.util.List;
import java.util.Map;

/**
 * The outcome of running migrations.
 *
 * @param session the migration connection's session id, to find it in the lock timeline
 * @param tableRows live rows per table before the first migration
 * @param notRun migrations not reached because an earlier statement failed or its tool refused an earlier migration
 * @param partiallyApplied migrations that failed after some of their statements had committed
 * @param reached the migrations the run got to, in order: those it ran, and the one its tool refused (where it stopped)
 */
public record MigrationRun(long session, List<ExecutedStatement> statements, Map<String, Long> tableRows,
                           List<Migration> notRun, List<Migration> partiallyApplied, List<Migration> reached) {

    public MigrationRun {
        reached = reached == null
                ? statements.stream().map(ExecutedStatement::migration).distinct().toList() : List.copyOf(reached);
    }

    /** Reached: the migrations of its statements. */
    public MigrationRun(long session, List<ExecutedStatement> statements, Map<String, Long> tableRows,
                        List<Migration> notRun, List<Migration> partiallyApplied) {
        this(session, statements, tableRows, notRun, partiallyApplied, null);
    }

    public boolean failed() {
        return statements.stream().anyMatch(ExecutedStatement::failed) || reached.stream().anyMatch(Migration::refused);
    }
}
