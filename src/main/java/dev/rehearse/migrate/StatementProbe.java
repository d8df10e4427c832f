package dev.rehearse.migrate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The engine's statement-level instruments, called with the migration's own connection around each statement:
 * the locks its transaction holds, storage identities (to see rewrites), scan counters and WAL position. What the
 * engine can read from another session it may read on a connection of its own (closed with the probe); inside a
 * transaction whatever the probe spends lengthens the locks it measures, and {@link #cost()} tells how much.
 */
public interface StatementProbe extends AutoCloseable {

    /** The session id the lock sampler knows this connection by. */
    long sessionId(Connection c) throws SQLException;

    /** Applies the deploy's timeouts to the migration session (null = leave the server default). */
    void prepareSession(Connection c, Integer lockTimeoutMs, Integer statementTimeoutMs) throws SQLException;

    /** Estimated live rows per existing table, keyed by display name. */
    Map<String, Long> tableRows(Connection c) throws SQLException;

    Snapshot before(Connection c, boolean inTransaction) throws SQLException;

    /**
     * Whether the server commits the session's open transaction before the statement and runs the statement on its
     * own (the engine's dialect knows: MySQL / MariaDB DDL). The runner then reports it, and what ran before it in the
     * tool's transaction, as committed there.
     */
    default boolean commitsImplicitly(SqlStatement statement) {
        return false;
    }

    /** What a statement's error means for the deploy, in the engine's own reading of its codes. */
    ErrorClass classify(SQLException e);

    /**
     * The 1-based line of {@code sql} (the statement as sent) at which the server located its error, or null when it
     * gave no position: a syntax error on a statement's third line is reported at that line, not the first.
     */
    default Integer errorLine(SQLException e, String sql) {
        return null;
    }

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
     * @param dropped relations (tables, indexes) that existed before it and do not now, however it dropped them
     *                ({@code DROP INDEX}, or a {@code DROP COLUMN} / {@code DROP TABLE} taking its indexes along); an
     *                index recreated under its name (a type change) is not dropped
     * @param alter the ALTER algorithm the server ran, as measured; null for a statement that ran none, or an engine
     *              that has no such choice (PostgreSQL)
     * @param rowsAffected rows the server reports a DDL statement processed (MySQL-family COPY: rows copied), for
     *                     statements the runner does not count; null where the server says nothing
     */
    record Facts(List<HeldLock> locksAcquired, List<String> rewrote, List<String> indexesRebuilt,
                 List<String> scanned, List<String> created, Long walBytes, List<HeldLock> locksImplied,
                 List<String> dropped, Alter alter, Long rowsAffected) {

        public Facts {
            locksImplied = locksImplied == null ? List.of() : List.copyOf(locksImplied);
            dropped = dropped == null ? List.of() : List.copyOf(dropped);
        }

        public Facts(List<HeldLock> locksAcquired, List<String> rewrote, List<String> indexesRebuilt,
                     List<String> scanned, List<String> created, Long walBytes, List<HeldLock> locksImplied,
                     List<String> dropped) {
            this(locksAcquired, rewrote, indexesRebuilt, scanned, created, walBytes, locksImplied, dropped, null, null);
        }

        public Facts(List<HeldLock> locksAcquired, List<String> rewrote, List<String> indexesRebuilt,
                     List<String> scanned, List<String> created, Long walBytes, List<HeldLock> locksImplied) {
            this(locksAcquired, rewrote, indexesRebuilt, scanned, created, walBytes, locksImplied, List.of());
        }

        public Facts(List<HeldLock> locksAcquired, List<String> rewrote, List<String> indexesRebuilt,
                     List<String> scanned, List<String> created, Long walBytes) {
            this(locksAcquired, rewrote, indexesRebuilt, scanned, created, walBytes, List.of());
        }
    }

    record HeldLock(String relation, String mode) {}

    /**
     * How the server carried out an ALTER (MySQL family), established from what it did, not from its documentation.
     *
     * @param algorithm {@code INSTANT} (metadata only), {@code INPLACE} (the engine's own pass over the rows) or
     *                  {@code COPY} (rows copied into a new table by the server)
     * @param rebuild the table's storage was replaced (a new table identity)
     * @param concurrentDml writes to the table were allowed while it ran (apart from the brief exclusive lock every
     *                      ALTER takes at its start and end)
     */
    record Alter(String algorithm, boolean rebuild, boolean concurrentDml) {}

    /** What the probe's own reads have cost so far; null when the probe does not time itself. */
    default Cost cost() {
        return null;
    }

    /** Releases what the probe opened (its own connection); the probe is not used afterwards. */
    @Override
    default void close() {}

    /**
     * The probe's own time around statements: {@code before} plus {@code after}, each a statement's.
     *
     * @param statements statements probed
     * @param totalMs all of it
     * @param maxMs the most spent around one statement
     * @param inTransactionMs of totalMs, the part spent inside a transaction, where it lengthened the locks held
     */
    record Cost(int statements, double totalMs, double maxMs, double inTransactionMs) {

        /** Accumulates a probe's timings: {@link #before} opens a statement, {@link #after} closes it. */
        public static final class Counter {
            private int statements;
            private long total, max, inTransaction, open = -1;

            public synchronized void before(long nanos, boolean inTx) {
                close();
                open = nanos;
                add(nanos, inTx);
            }

            public synchronized void after(long nanos, boolean inTx) {
                open = Math.max(open, 0) + nanos;
                add(nanos, inTx);
                close();
            }

            private void add(long nanos, boolean inTx) {
                total += nanos;
                if (inTx) inTransaction += nanos;
            }

            private void close() {
                if (open < 0) return;
                statements++;
                max = Math.max(max, open);
                open = -1;
            }

            public synchronized Cost cost() {
                long m = Math.max(max, open);
                return new Cost(statements + (open >= 0 ? 1 : 0), total / 1e6, m / 1e6, inTransaction / 1e6);
            }
        }
    }
}
