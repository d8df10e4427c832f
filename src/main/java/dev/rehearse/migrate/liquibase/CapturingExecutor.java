package dev.rehearse.migrate.liquibase;

import liquibase.change.Change;
import liquibase.database.Database;
import liquibase.exception.DatabaseException;
import liquibase.executor.Executor;
import liquibase.executor.LoggingExecutor;
import liquibase.sql.visitor.SqlVisitor;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.ClearDatabaseChangeLogTableStatement;
import liquibase.statement.core.CreateDatabaseChangeLogLockTableStatement;
import liquibase.statement.core.CreateDatabaseChangeLogTableStatement;
import liquibase.statement.core.InitializeDatabaseChangeLogLockTableStatement;
import liquibase.statement.core.LockDatabaseChangeLogStatement;
import liquibase.statement.core.MarkChangeSetRanStatement;
import liquibase.statement.core.RemoveChangeSetRanStatusStatement;
import liquibase.statement.core.TagDatabaseStatement;
import liquibase.statement.core.UnlockDatabaseChangeLogStatement;
import liquibase.statement.core.UpdateChangeSetChecksumStatement;

import java.util.ArrayList;
import java.util.List;

/**
 * The executor Liquibase's {@code updateSql} uses ({@link LoggingExecutor}: preconditions are not tested, as in SQL
 * output mode), but keeping each statement Liquibase would send on its own instead of writing one script, so that
 * every changeSet's statements stay apart and none is re-split from text. Liquibase's comments and its bookkeeping of
 * its own tables (DATABASECHANGELOG, the lock table, {@code tagDatabase}) are left out: they touch no table of the
 * user's.
 */
final class CapturingExecutor extends LoggingExecutor {

    private static final List<Class<? extends SqlStatement>> BOOKKEEPING = List.of(
            ClearDatabaseChangeLogTableStatement.class, CreateDatabaseChangeLogLockTableStatement.class,
            CreateDatabaseChangeLogTableStatement.class, InitializeDatabaseChangeLogLockTableStatement.class,
            LockDatabaseChangeLogStatement.class, MarkChangeSetRanStatement.class,
            RemoveChangeSetRanStatusStatement.class, UnlockDatabaseChangeLogStatement.class,
            UpdateChangeSetChecksumStatement.class, TagDatabaseStatement.class);

    /** One statement as Liquibase would send it, and the change of the changeSet it came from (null: unknown). */
    record Sent(String sql, Change change) {}

    private List<Sent> captured = new ArrayList<>();
    private Change current;

    CapturingExecutor(Executor reads, Database database) {
        super(reads, null, database);
    }

    /** What was sent since the last call, in order. */
    List<Sent> take() {
        List<Sent> out = captured;
        captured = new ArrayList<>();
        return out;
    }

    @Override
    public void execute(SqlStatement sql) throws DatabaseException {
        capture(sql, List.of());
    }

    @Override
    public void execute(SqlStatement sql, List<SqlVisitor> sqlVisitors) throws DatabaseException {
        capture(sql, sqlVisitors);
    }

    @Override
    public int update(SqlStatement sql) throws DatabaseException {
        capture(sql, List.of());
        return 0;
    }

    @Override
    public int update(SqlStatement sql, List<SqlVisitor> sqlVisitors) throws DatabaseException {
        capture(sql, sqlVisitors);
        return 0;
    }

    @Override
    public void execute(Change change, List<SqlVisitor> sqlVisitors) throws DatabaseException {
        current = change;
        try {
            super.execute(change, sqlVisitors);
        } finally {
            current = null;
        }
    }

    @Override
    public void comment(String message) {
        // "Changeset x::y::z" and the changeSet's comments: not statements
    }

    private void capture(SqlStatement sql, List<SqlVisitor> sqlVisitors) throws DatabaseException {
        if (BOOKKEEPING.stream().anyMatch(c -> c.isInstance(sql))) return;
        if (SqlGeneratorFactory.getInstance().generateStatementsVolatile(sql, database)) {
            throw new DatabaseException(sql.getClass().getSimpleName()
                    + " is generated from the live database's metadata, which a rehearsal's offline rendering does not have");
        }
        for (String s : applyVisitors(sql, sqlVisitors)) {
            if (s != null && !s.isBlank()) captured.add(new Sent(s, current));
        }
    }
}
