package dev.rehearse.seed;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Reads an engine's catalog into the engine-neutral model the seed planner works from. */
public interface SchemaReader {

    /** The user tables (not system ones) with their columns and constraints. */
    List<TableModel> read(Connection c) throws SQLException;
}
