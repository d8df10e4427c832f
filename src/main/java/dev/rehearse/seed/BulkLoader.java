package dev.rehearse.seed;

import dev.rehearse.provision.Database;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * An engine's bulk path (COPY, LOAD DATA). Around the loads it defers index and constraint builds, and
 * after them it leaves each table as a production table would be: sequences past the loaded keys,
 * statistics fresh, nothing left for background maintenance to do mid-rehearsal.
 */
public interface BulkLoader {

    /** Records and drops what is cheaper to build after the load, for these tables (all of them empty). */
    default DeferredBuild defer(Connection c, List<TableModel> tables) throws SQLException {
        return DeferredBuild.NONE;
    }

    /**
     * Loads {@code rows} into {@code columns} of {@code table} on {@code c} (autocommit) and moves its
     * sequences past the loaded keys. Safe to call for different tables on different connections at once.
     *
     * @throws ConstraintViolation when the engine rejects a row for a constraint
     */
    void load(Connection c, TableModel table, List<ColumnModel> columns, RowSource rows)
            throws SQLException, IOException;

    /**
     * As {@link #load(Connection, TableModel, List, RowSource)}, free to open further connections to {@code db}
     * (several streams into one table); the default loads on {@code c} alone.
     */
    default void load(Database db, Connection c, TableModel table, List<ColumnModel> columns, RowSource rows)
            throws SQLException, IOException {
        load(c, table, columns, rows);
    }

    /** Statistics and visibility after the table's indexes exist (VACUUM ANALYZE on PostgreSQL). */
    default void finish(Connection c, TableModel table) throws SQLException {}
}
