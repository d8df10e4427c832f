package dev.rehearse.seed;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * An engine's bulk path (COPY, LOAD DATA). After loading it leaves the table as a production table
 * would be: sequences past the loaded keys, statistics fresh, nothing left for background
 * maintenance to do mid-rehearsal.
 */
public interface BulkLoader {

    /**
     * Loads {@code rows} into {@code columns} of {@code table} on {@code c} (autocommit).
     *
     * @throws ConstraintViolation when the engine rejects a row for a constraint
     */
    void load(Connection c, TableModel table, List<ColumnModel> columns, RowSource rows)
            throws SQLException, IOException;
}
