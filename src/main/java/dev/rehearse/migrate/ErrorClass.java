package dev.rehearse.migrate;

import java.sql.SQLException;

/** What a failed statement's error means for the deploy, whatever the engine's codes. Each engine classifies its own. */
public enum ErrorClass {
    /** The statement gave up waiting for a lock (PostgreSQL lock_timeout, MySQL lock_wait_timeout). */
    LOCK_TIMEOUT,
    /** The statement ran past the deploy's statement timeout. */
    STATEMENT_TIMEOUT,
    /** The statement may not run inside a transaction block, and was run in one. */
    NOT_IN_TRANSACTION,
    /**
     * The server refused the statement's stated online-DDL algorithm or lock level rather than run it another way
     * (MySQL / MariaDB errors 1845, 1846: ALGORITHM=INPLACE where only COPY can do it).
     */
    ALGORITHM_REFUSED,
    /** Existing rows violate the constraint being added or the change being made. */
    CONSTRAINT_VIOLATION,
    /** The server could not parse the statement: the migration source is broken, not the deploy. */
    SYNTAX,
    OTHER;

    /** An engine's reading of its own errors. */
    @FunctionalInterface
    public interface Classifier {
        ErrorClass classify(SQLException e);
    }
}
