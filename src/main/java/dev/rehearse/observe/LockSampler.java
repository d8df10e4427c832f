package dev.rehearse.observe;

import dev.rehearse.provision.Database;

import java.sql.SQLException;
import java.util.List;

/**
 * Polls the engine's lock views on its own connection at a fixed interval into the timeline's
 * {@link Timeline#LOCKS} series, so that a lock's hold time and every wait are known to within one
 * interval. The engine supplies the query.
 */
public final class LockSampler implements AutoCloseable {

    /** One poll of the engine's lock views. */
    public interface Probe extends Sampler.Probe<List<LockSample.SessionLock>> {}

    private final Sampler<List<LockSample.SessionLock>> sampler;

    public LockSampler(Database db, Probe probe, Timeline timeline, int intervalMs) {
        this(db, probe, timeline, intervalMs, io.micrometer.core.instrument.Metrics.globalRegistry);
    }

    public LockSampler(Database db, Probe probe, Timeline timeline, int intervalMs,
                       io.micrometer.core.instrument.MeterRegistry meters) {
        this.sampler = new Sampler<>(db, "rehearse-sampler", probe, timeline, Timeline.LOCKS, intervalMs,
                Sampler.DEFAULT_FAILURE_LIMIT, meters);
    }

    public LockSampler start() throws SQLException {
        sampler.start();
        return this;
    }

    /** The median interval between samples actually achieved, in ms; null before two samples. */
    public Double achievedIntervalMs() {
        return sampler.achievedIntervalMs();
    }

    /** The achieved intervals as a distribution; null before two samples. */
    public Sampler.Intervals intervals() {
        return sampler.intervals();
    }

    /** The last poll error (sampling may have gone on after it), or null. */
    public String failure() {
        return sampler.failure();
    }

    @Override
    public void close() {
        sampler.close();
    }
}
