package dev.rehearse.migrate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The engine's statement-level instruments, run on the migration's own connection around each statement:
 * the locks its transaction holds, storage identities (to see rewrites), scan counters and WAL position.
 */
public interface StatementProbe {

    /** The session id the lock sampler knows this connection by. */
    long sessionId(Connection c) throws SQLException;

    /** Applies the deploy's timeouts to the migration session (null = leave the server default). */
    void prepareSession(Connection c, Integer lockTimeoutMs, Integer statementTimeoutMs) throws SQLException;

    /** Estimated live rows per existing table, keyed by display name. */
    Map<String, Long> tableRows(Connection c) throws SQLException;

    Snapshot before(Connection c, boolean inTransaction) throws SQLException;

    /** What a statement's error means for the deploy, in the engine's own reading of its codes. */
    ErrorClass classify(SQLException e);

    Facts after(Connection c, Snapshot before, boolean inTransaction) throws SQLException;

    /** Engine-specific state captured before a statement. */
    interface Snapshot {}

    /**
     * What one statement did, as its own session sees it.
     *
     * @param locksAcquired relation locks its transaction holds now and did not hold before it; empty
     *                      (not null) outside a transaction, where the sampler's timeline tells instead
     * @param rewrote tables whose storage was rewritten
     * @param indexesRebuilt indexes whose storage was rebuilt
     * @param scanned tables it read in full (sequential scans)
     * @param created relations that exist now and did not before it
     * @param walBytes WAL written on the server while it ran (includes concurrent sessions), null if unknown
     * @param locksImplied outside a transaction, the least the statement must have held by what it changed (its
     *                     locks are released when it returns, so one faster than the sampler leaves nothing to
     *                     see); empty inside one, where {@code locksAcquired} is what it held
     */
    record Facts(List<HeldLock> locksAcquired, List<String> rewrote, List<String> indexesRebuilt,
                 List<String> scanned, List<String> created, Long walBytes, List<HeldLock> locksImplied) {

        public Facts {
            locksImplied = locksImplied == null ? List.of() : List.copyOf(locksImplied);
        }

        public Facts(List<HeldLock> locksAcquired, List<String> rewrote, List<String> indexesRebuilt,
                     List<String> scanned, List<String> created, Long walBytes) {
            this(locksAcquired, rewrote, indexesRebuilt, scanned, created, walBytes, List.of());
        }
    }

    record HeldLock(String relation, String mode) {}
}
