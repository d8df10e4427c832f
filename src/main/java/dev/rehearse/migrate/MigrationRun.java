package dev.rehearse.migrate;

import java.util.List;
import java.util.Map;

/**
 * The outcome of running migrations.
 *
 * @param session the migration connection's session id, to find it in the lock timeline
 * @param tableRows live rows per table before the first migration
 * @param notRun migrations not reached because an earlier statement failed
 * @param partiallyApplied migrations that failed after some of their statements had committed
 */
public record MigrationRun(long session, List<ExecutedStatement> statements, Map<String, Long> tableRows,
                           List<Migration> notRun, List<Migration> partiallyApplied) {

    public boolean failed() {
        return statements.stream().anyMatch(ExecutedStatement::failed);
    }
}
