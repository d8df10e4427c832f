package dev.rehearse.migrate;

/** How the migration tool runs a unit of statements. The runner, the linter and the analyzer all read it from the unit. */
public enum TransactionMode {
    /** In one transaction: all or nothing (Flyway's default, Prisma, Drizzle, Rails unless told otherwise). */
    TRANSACTION,
    /**
     * Each statement commits on its own, as a tool runs what cannot share a transaction (CONCURRENTLY, MySQL DDL,
     * Rails' disable_ddl_transaction!); a script's own BEGIN ... COMMIT still groups what it encloses.
     */
    AUTOCOMMIT
}
