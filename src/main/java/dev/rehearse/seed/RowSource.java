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

    /** How many rows in all, or -1 when unknown (then {@link #slice} is not supported). */
    default long rows() {
        return -1;
    }

    /**
     * Rows {@code from..to} (1-based, inclusive) as their own source, independent of this one's position,
     * so that several threads can generate disjoint blocks of one table.
     */
    default RowSource slice(long from, long to) {
        throw new UnsupportedOperationException("this row source cannot be sliced");
    }
}
