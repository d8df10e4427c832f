package dev.rehearse.seed;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * Reads a live database's schema and planner statistics into a profile that reproduces their shape at
 * any scale. An engine's implementation reads catalogs and statistics only, never a table's rows.
 */
public interface ProfileCapture {

    /**
     * @param keepValues keep most-common values and text histogram bounds as they are (they may be personal
     *                   data); otherwise they are replaced by synthetic values of the same frequency and width
     * @param warnings one line per table that has no statistics (never ANALYZEd) and similar
     */
    Profile capture(Connection c, boolean keepValues, Consumer<String> warnings) throws SQLException;

    /** The catalogs and statistics views it reads, for the profile's header. */
    String sources();
}
