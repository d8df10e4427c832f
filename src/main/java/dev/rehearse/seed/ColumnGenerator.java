package dev.rehearse.seed;

/**
 * Produces one column's values. A pure function of the row number, so that a child table can draw
 * its foreign keys from the parent's key values without the parent being held in memory, and so
 * that the same seed always gives the same data. Data profiles plug in here: the planner picks a
 * generator per column.
 */
@FunctionalInterface
public interface ColumnGenerator {

    /** The value of row {@code row} (1-based) as a text literal, or null for SQL NULL. */
    String value(long row);
}
