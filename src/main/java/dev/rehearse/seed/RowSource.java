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

    /**
     * The next row, value by value into {@code out}: a value whose generator writes bytes itself goes as
     * that generator and row, so a loader encodes it without a String; the default goes through
     * {@link #next(String[])}, {@code values} its scratch space.
     *
     * @return false when there are no more rows
     */
    default boolean next(String[] values, Values out) {
        if (!next(values)) return false;
        for (String v : values) out.text(v);
        return true;
    }

    /** Where {@link #next(String[], Values)} sends one row's values, in load order. */
    interface Values {
        /** A text literal, null for SQL NULL. */
        void text(String value);

        /** The value {@code g} gives row {@code row}. */
        void bytes(ByteGenerator g, long row);
    }

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
