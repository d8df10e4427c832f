package dev.rehearse.load;

import dev.rehearse.provision.Database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A transaction that read one table and stays open for a while, as a long report query or an idle-in-transaction
 * session does in production: it holds the weakest table lock (PostgreSQL's ACCESS SHARE), which conflicts with
 * nothing the application asks for but with every DDL lock that blocks reads or writes. A migration statement that
 * asks for such a lock queues behind it, and the application's queries queue behind the migration.
 *
 * <p>Its own connection; the transaction ends (COMMIT) when {@code hold} has elapsed, on a timer thread, or at
 * {@link #close()}, whichever comes first. The connection is closed in every exit path.
 */
public final class LongTransaction implements AutoCloseable {

    /** How long the opening read may wait for its own lock (the migration's transaction may hold the table). */
    private static final int OPEN_TIMEOUT_SECONDS = 2;

    private final Connection connection;
    private final long session;
    private final long openedNanos;
    private final ScheduledExecutorService timer;
    private long endedNanos = -1;

    private LongTransaction(Connection connection, long session, long holdMs) {
        this.connection = connection;
        this.session = session;
        this.openedNanos = System.nanoTime();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rehearse-long-transaction");
            t.setDaemon(true);
            return t;
        });
        timer.schedule(this::end, holdMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens the transaction and reads {@code quotedTable} in it; returns once the read holds its lock.
     *
     * @throws SQLException when the table cannot be read (then nothing is left open)
     */
    public static LongTransaction open(Database db, LoadGenerator.SessionId sessionId, String quotedTable, long holdMs)
            throws SQLException {
        Connection c = db.connect("rehearse-long-transaction");
        try {
            long session = sessionId.of(c);
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.setQueryTimeout(OPEN_TIMEOUT_SECONDS);
                st.executeQuery("SELECT 1 FROM " + quotedTable + " LIMIT 1").close();
            }
            return new LongTransaction(c, session, holdMs);
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the read failed; the server ends its session anyway
            }
            throw e;
        }
    }

    /** The server's id of the holding session (PostgreSQL pid). */
    public long session() {
        return session;
    }

    /** How long it held its transaction, in ms (so far, while it is open). */
    public synchronized long heldMs() {
        long end = endedNanos < 0 ? System.nanoTime() : endedNanos;
        return Math.round((end - openedNanos) / 1e6);
    }

    private synchronized void end() {
        if (endedNanos >= 0) return;
        endedNanos = System.nanoTime();
        try {
            connection.commit();
        } catch (SQLException ignored) {
            // closing below ends the transaction all the same
        } finally {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing more to release
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        end();
    }
}
