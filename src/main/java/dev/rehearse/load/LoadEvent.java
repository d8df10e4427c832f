package dev.rehearse.load;

/**
 * One application query of the workload.
 *
 * @param session the backend that ran it, to join with the lock timeline
 * @param intendedNanos when the open-loop schedule meant it to start; latency counts from here, so
 *                      queueing behind a blocked pool is measured rather than hidden
 * @param error null when it succeeded
 * @param query the workload query's name: the application's own ({@code load.queries}), or the default
 *              workload's {@code pk_read:<table>} / {@code pk_update:<table>}
 * @param timedOut it failed on a timeout (the application's statement timeout, a lock timeout): the engine's reading
 *                 of its error
 */
public record LoadEvent(String table, boolean write, long session, long intendedNanos, long startNanos,
                        long endNanos, String error, String query, boolean timedOut) {

    public LoadEvent(String table, boolean write, long session, long intendedNanos, long startNanos, long endNanos,
                     String error, String query) {
        this(table, write, session, intendedNanos, startNanos, endNanos, error, query, false);
    }

    /** An event of the default workload, named by what it does to {@code table}. */
    public LoadEvent(String table, boolean write, long session, long intendedNanos, long startNanos, long endNanos,
                     String error) {
        this(table, write, session, intendedNanos, startNanos, endNanos, error, defaultName(table, write));
    }

    /** The default workload's name of a primary-key read or update of {@code table}. */
    public static String defaultName(String table, boolean write) {
        return (write ? "pk_update:" : "pk_read:") + table;
    }

    public double latencyMs() {
        return (endNanos - intendedNanos) / 1e6;
    }

    /** Whether the query was in flight (or waiting to start) at any time in {@code [from, to]}. */
    public boolean overlaps(long from, long to) {
        return intendedNanos <= to && endNanos >= from;
    }
}
