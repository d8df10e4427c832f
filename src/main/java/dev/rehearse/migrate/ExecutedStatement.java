package dev.rehearse.migrate;

/**
 * One statement as it ran.
 *
 * @param index 1-based, in execution order across all migrations
 * @param inTransaction it ran inside a transaction block (wrapped by the tool or the script's own BEGIN)
 * @param transactionEndNanos when the transaction holding its locks ended (commit or rollback); equals
 *                            {@code endNanos} outside a transaction
 * @param rowsAffected the DML row count, null for DDL
 * @param sqlState the server's code for the error, null when it succeeded
 * @param errorClass what the error means for the deploy, as the engine classifies it; null when it succeeded
 * @param facts null when the statement failed (its transaction is aborted, nothing can be read in it)
 * @param queuedBehind the session the rehearsal held open on the statement's table before it ran (a lock-queue
 *                     reproduction), as the hook described it; null when none
 * @param earlierAttempts the attempts that failed on lock_timeout before this one (migrations.lock_retries)
 * @param errorLine the 1-based line within the statement where the server located its error; null when it gave none
 */
public record ExecutedStatement(int index, Migration migration, SqlStatement statement, boolean inTransaction,
                                long startNanos, long endNanos, long transactionEndNanos, String error,
                                String sqlState, ErrorClass errorClass, Long rowsAffected,
                                StatementProbe.Facts facts, String queuedBehind, java.util.List<Attempt> earlierAttempts,
                                Integer errorLine) {

    public ExecutedStatement {
        earlierAttempts = earlierAttempts == null ? java.util.List.of() : java.util.List.copyOf(earlierAttempts);
    }

    public ExecutedStatement(int index, Migration migration, SqlStatement statement, boolean inTransaction,
                             long startNanos, long endNanos, long transactionEndNanos, String error,
                             String sqlState, ErrorClass errorClass, Long rowsAffected, StatementProbe.Facts facts,
                             String queuedBehind, java.util.List<Attempt> earlierAttempts) {
        this(index, migration, statement, inTransaction, startNanos, endNanos, transactionEndNanos, error, sqlState,
                errorClass, rowsAffected, facts, queuedBehind, earlierAttempts, null);
    }

    /** The file's line of the error: the statement's first line, moved to where the server placed the error. */
    public int errorFileLine() {
        return statement.line() + (errorLine == null || errorLine < 1 ? 0 : errorLine - 1);
    }

    public ExecutedStatement(int index, Migration migration, SqlStatement statement, boolean inTransaction,
                             long startNanos, long endNanos, long transactionEndNanos, String error,
                             String sqlState, ErrorClass errorClass, Long rowsAffected, StatementProbe.Facts facts) {
        this(index, migration, statement, inTransaction, startNanos, endNanos, transactionEndNanos, error, sqlState,
                errorClass, rowsAffected, facts, null, java.util.List.of());
    }

    /** One failed attempt of a statement that was retried: when it ran, and its error. */
    public record Attempt(long startNanos, long endNanos, String error) {}

    public boolean failed() {
        return error != null;
    }
}
