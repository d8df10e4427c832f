package dev.rehearse.seed;

/** The rows of one table, produced on demand so that no table is ever held in memory. */
public interface RowSource {

    /**
     * Fills {@code values} (one slot per loaded column, in load order) with the next row as text
     * literals, {@code null} for SQL NULL.
     *
     * @return false when there are no more rows
     */
    boolean next(String[] values);
}
