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
 */
public record ExecutedStatement(int index, Migration migration, SqlStatement statement, boolean inTransaction,
                                long startNanos, long endNanos, long transactionEndNanos, String error,
                                String sqlState, ErrorClass errorClass, Long rowsAffected,
                                StatementProbe.Facts facts) {

    public boolean failed() {
        return error != null;
    }
}
