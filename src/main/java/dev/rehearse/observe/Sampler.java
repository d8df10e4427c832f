package dev.rehearse.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import dev.rehearse.provision.Database;
import org.HdrHistogram.Histogram;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Polls one probe on its own connection at a fixed interval into a series of the timeline. What it
 * achieved is kept as a distribution of the intervals between successful samples, because a median
 * alone hides the stalls (a probe blocked behind the migration) that decide what the samples can show.
 *
 * @param <T> what one poll returns
 */
public final class Sampler<T> implements AutoCloseable {

    /** One poll, on the sampler's connection. */
    @FunctionalInterface
    public interface Probe<T> {
        T sample(Connection c) throws SQLException;
    }

    /**
     * The intervals achieved between successful samples, in ms (to HdrHistogram's 3 significant digits).
     *
     * @param count how many intervals were measured (one less than the samples)
     */
    public record Intervals(long count, double medianMs, double p99Ms, double maxMs) {}

    /** Failures in a row after which a sampler stops: it no longer measures anything. */
    public static final int DEFAULT_FAILURE_LIMIT = 20;

    private static final long MAX_INTERVAL_MICROS = 3_600_000_000L;

    private final Database db;
    private final String role;
    private final Probe<T> probe;
    private final Series<T> series;
    private final long intervalNanos;
    private final int failureLimit;
    private final Histogram intervals = new Histogram(MAX_INTERVAL_MICROS, 3);
    private volatile boolean running = true;
    private volatile boolean gaveUp;
    private volatile String failure;
    private Thread thread;
    private final Timer pollTimer;
    private final Counter failures;

    /** @param role the connection's role as the server shows it, so the sampler's own session can be told apart */
    public Sampler(Database db, String role, Probe<T> probe, Timeline timeline, SeriesKey<T> key, int intervalMs) {
        this(db, role, probe, timeline, key, intervalMs, DEFAULT_FAILURE_LIMIT);
    }

    public Sampler(Database db, String role, Probe<T> probe, Timeline timeline, SeriesKey<T> key, int intervalMs,
                   int failureLimit) {
        this(db, role, probe, timeline, key, intervalMs, failureLimit, Metrics.globalRegistry);
    }

    /**
     * @param meters where the poll time ({@code rehearse.sampler.poll}) and failures ({@code rehearse.sampler.failures})
     *               go, tagged with the series; Micrometer's global registry records nothing until a user binds one
     */
    public Sampler(Database db, String role, Probe<T> probe, Timeline timeline, SeriesKey<T> key, int intervalMs,
                   int failureLimit, MeterRegistry meters) {
        if (intervalMs <= 0) throw new IllegalArgumentException("interval must be positive: " + intervalMs);
        if (failureLimit <= 0) throw new IllegalArgumentException("failure limit must be positive: " + failureLimit);
        this.db = db;
        this.role = role;
        this.probe = probe;
        this.series = timeline.series(key);
        this.intervalNanos = intervalMs * 1_000_000L;
        this.failureLimit = failureLimit;
        this.pollTimer = Timer.builder("rehearse.sampler.poll").tag("series", key.name())
                .description("one poll of the sampler's probe").register(meters);
        this.failures = Counter.builder("rehearse.sampler.failures").tag("series", key.name()).register(meters);
    }

    /** Connects (on the caller's thread, so a server that cannot be reached fails the caller) and starts polling. */
    public Sampler<T> start() throws SQLException {
        Connection c = db.connect(role);
        thread = new Thread(() -> loop(c), "rehearse-" + series.key().name() + "-sampler");
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
                    T sample = probe.sample(c);
                    long until = System.nanoTime();
                    pollTimer.record(until - at, java.util.concurrent.TimeUnit.NANOSECONDS);
                    series.add(at, until, sample);
                    failuresInARow = 0;
                    if (previous >= 0) record(at - previous);
                    previous = at;
                } catch (SQLException e) {
                    // One poll can fail under load (a cancelled query, a backend gone mid-join); a gap of one
                    // interval is honest, but a sampler that keeps failing measures nothing: stop and say so.
                    failure = e.getMessage();
                    failures.increment();
                    if (++failuresInARow >= failureLimit || !c.isValid(1)) {
                        gaveUp = true;
                        return;
                    }
                }
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
            gaveUp = running; // closing the connection after close() was asked for is not giving up
        } catch (RuntimeException e) {
            // a probe's bug repeats on every poll: stop at the first one
            failure = String.valueOf(e);
            gaveUp = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void record(long nanos) {
        intervals.recordValue(Math.max(1, Math.min(nanos / 1_000, MAX_INTERVAL_MICROS)));
    }

    /** The achieved intervals so far; null before two successful samples. */
    public synchronized Intervals intervals() {
        if (intervals.getTotalCount() == 0) return null;
        return new Intervals(intervals.getTotalCount(), ms(intervals.getValueAtPercentile(50)),
                ms(intervals.getValueAtPercentile(99)), ms(intervals.getMaxValue()));
    }

    /** The median achieved interval in ms; null before two successful samples. */
    public Double achievedIntervalMs() {
        Intervals i = intervals();
        return i == null ? null : i.medianMs();
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    /** The last poll error (sampling may have gone on after it), or null. */
    public String failure() {
        return failure;
    }

    /** Whether the sampler stopped on its own: the failure limit was reached or the connection was lost. */
    public boolean gaveUp() {
        return gaveUp;
    }

    /** Whether the polling thread is still running. */
    public boolean running() {
        return thread != null && thread.isAlive();
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
