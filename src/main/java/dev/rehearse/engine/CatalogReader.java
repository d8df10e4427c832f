package dev.rehearse.engine;

import dev.rehearse.model.Catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * Reads a live database's schema into a {@link Catalog} for {@code drift}: from the catalog only, never a table's
 * rows, inside a read-only transaction the reader opens itself.
 */
public interface CatalogReader {

    /**
     * @param exclude        tables not to read, by name as the catalog names them (the migration tool's bookkeeping)
     * @param withPrivileges also read owners and grants ({@code --include-privileges}); else they are not drift
     */
    Catalog read(Connection c, Set<String> exclude, boolean withPrivileges) throws SQLException;

    /**
     * The statements that recreate the database's schema on an empty server of the same engine ({@code run
     * --from-production}), read from the catalog only in a read-only transaction, {@code exclude}d tables left out;
     * what they cannot carry is said through {@code warnings}.
     */
    List<String> schemaStatements(Connection c, Set<String> exclude, java.util.function.Consumer<String> warnings)
            throws SQLException;

    /** How this engine names a table for the catalog's items ({@code public.users}) from a schema and a name. */
    String tableName(String schema, String table);

    /** Starts the read-only transaction every read runs in (before the first query). */
    static void readOnly(Connection c) throws SQLException {
        c.setAutoCommit(false);
        c.setReadOnly(true);
        try (var s = c.createStatement()) {
            // both engines take it first in the transaction: PostgreSQL for the current one, MySQL for the next
            s.execute("SET TRANSACTION READ ONLY");
        }
    }
}
