package dev.rehearse.observe;

import java.util.List;

/**
 * What the lock sampler saw at one instant: every relation lock held or awaited in the database, and
 * every other lock awaited (row and transaction locks), with who blocks whom. The instant lies between
 * {@code atNanos}, when the poll was sent, and {@code untilNanos}, when its answer arrived.
 */
public record LockSample(long atNanos, long untilNanos, List<SessionLock> locks) {

    /** A sample whose poll took no time: tests, and series without a poll. */
    public LockSample(long atNanos, List<SessionLock> locks) {
        this(atNanos, atNanos, locks);
    }

    /**
     * @param session the backend (PostgreSQL pid, MySQL processlist id)
     * @param relation the locked relation's display name, null for non-relation locks (rows, transactions)
     * @param mode the engine's own mode name
     * @param granted false while the session waits for it
     * @param blockedBy sessions that block this request (empty when granted)
     * @param queryStartMicros when the session's current query started (epoch micros), to tell successive
     *                         waits of one session apart
     * @param query the session's current query, truncated
     */
    public record SessionLock(long session, String relation, String mode, boolean granted, List<Long> blockedBy,
                              long queryStartMicros, String query) {}
}
