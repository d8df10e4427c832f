package dev.rehearse.seed;

import dev.rehearse.provision.Database;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Indexes, keys and foreign keys dropped before a bulk load and rebuilt after it, exactly as the schema
 * defined them: building a b-tree once from sorted data is several times cheaper than maintaining it row
 * by row, and a foreign key checked once by a join is cheaper than a trigger per row.
 */
public interface DeferredBuild {

    /** Rebuilds what was dropped from {@code table} (indexes, primary and unique keys), in parallel where it can. */
    void rebuild(Database db, TableModel table) throws SQLException;

    /** Adds back the foreign keys, once every table is loaded and its keys exist. */
    void rebuildForeignKeys(Connection c) throws SQLException;

    /** @throws dev.rehearse.RehearsalFailedException when the rebuilt catalog differs from the one before the load */
    void verify(Connection c) throws SQLException;

    /** After a failed load: puts back whatever it can, best effort, so a user's server keeps its schema. */
    void restore(Connection c);

    /** What was deferred, for the progress log; empty when nothing. */
    default String describe() {
        return "";
    }

    /** Nothing deferred. */
    DeferredBuild NONE = new DeferredBuild() {
        public void rebuild(Database db, TableModel table) {}

        public void rebuildForeignKeys(Connection c) {}

        public void verify(Connection c) {}

        public void restore(Connection c) {}
    };
}
