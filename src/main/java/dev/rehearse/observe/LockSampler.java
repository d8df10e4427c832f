package dev.rehearse.observe;

import dev.rehearse.provision.Database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Polls the engine's lock views on its own connection at a fixed interval into the timeline, so that a
 * lock's hold time and every wait are known to within one interval. The engine supplies the query.
 */
public final class LockSampler implements AutoCloseable {

    /** One poll of the engine's lock views. */
    public interface Probe {
        List<LockSample.SessionLock> sample(Connection c) throws SQLException;
    }

    private static final int MAX_FAILURES_IN_A_ROW = 20;

    private final Database db;
    private final Probe probe;
    private final Timeline timeline;
    private final long intervalNanos;
    private final List<Long> intervals = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean running = true;
    private volatile String failure;
    private Thread thread;

    public LockSampler(Database db, Probe probe, Timeline timeline, int intervalMs) {
        this.db = db;
        this.probe = probe;
        this.timeline = timeline;
        this.intervalNanos = intervalMs * 1_000_000L;
    }

    public LockSampler start() throws SQLException {
        Connection c = db.connect("rehearse-sampler");
        thread = new Thread(() -> loop(c), "rehearse-lock-sampler");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void loop(Connection c) {
        try (c) {
            long next = System.nanoTime();
            long previous = -1;
            int failuresInARow = 0;
            while (running) {
                long at = System.nanoTime();
                try {
                    timeline.add(new LockSample(at, probe.sample(c)));
                    failuresInARow = 0;
                } catch (SQLException e) {
                    // One poll can fail under load (a cancelled query, a backend gone mid-join); a gap of one
                    // interval is honest, but a sampler that keeps failing measures nothing: stop and say so.
                    failure = e.getMessage();
                    if (++failuresInARow >= MAX_FAILURES_IN_A_ROW || !c.isValid(1)) return;
                }
                if (previous >= 0) intervals.add(at - previous);
                previous = at;
                next += intervalNanos;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                } else {
                    next = System.nanoTime(); // fell behind: don't burst to catch up
                }
            }
        } catch (SQLException e) {
            failure = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The median interval between samples actually achieved, in ms; null before two samples. */
    public Double achievedIntervalMs() {
        List<Long> copy;
        synchronized (intervals) {
            copy = new ArrayList<>(intervals);
        }
        if (copy.isEmpty()) return null;
        Collections.sort(copy);
        return copy.get(copy.size() / 2) / 1e6;
    }

    /** The last poll error (sampling may have gone on after it), or null. */
    public String failure() {
        return failure;
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
