package dev.rehearse.load;

/**
 * One application query of the workload.
 *
 * @param session the backend that ran it, to join with the lock timeline
 * @param intendedNanos when the open-loop schedule meant it to start; latency counts from here, so
 *                      queueing behind a blocked pool is measured rather than hidden
 * @param error null when it succeeded
 */
public record LoadEvent(String table, boolean write, long session, long intendedNanos, long startNanos,
                        long endNanos, String error) {

    public double latencyMs() {
        return (endNanos - intendedNanos) / 1e6;
    }

    /** Whether the query was in flight (or waiting to start) at any time in {@code [from, to]}. */
    public boolean overlaps(long from, long to) {
        return intendedNanos <= to && endNanos >= from;
    }
}
