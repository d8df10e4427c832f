package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.observe.ReplicationSample;
import dev.rehearse.observe.Sampler;
import dev.rehearse.observe.Series;
import dev.rehearse.observe.SeriesKey;
import dev.rehearse.observe.Timeline;
import dev.rehearse.provision.Database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** What the replica's lag was while the primary ran something, sampled every 100 ms (tests and the benchmark). */
public final class ReplicaLag {

    private static final SeriesKey<ReplicationSample> REPLICATION = SeriesKey.of("replication-test");

    private ReplicaLag() {}

    /** Work run on the primary's statement. */
    @FunctionalInterface
    public interface Work {
        void run(Statement primary) throws Exception;
    }

    /**
     * @param binlogBytes         what the work wrote to the primary's binlog
     * @param maxLagMs            the highest lag sampled from the work's start until the replica had applied it
     * @param maxBytesBehind      the highest binlog distance sampled over the same span
     * @param maxSecondsBehind    the highest {@code Seconds_Behind_Master} over it (null when always NULL)
     * @param samples             how many polls that span held
     * @param tookMs              the work's time on the primary
     * @param appliedMs           from the work's end until the replica had applied it
     */
    public record Measured(long binlogBytes, long maxLagMs, long maxBytesBehind, Long maxSecondsBehind, int samples,
                           long tookMs, long appliedMs) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "primary %,d ms, binlog %,d bytes; replica: max lag %,d ms, max %,d bytes"
                            + " behind, Seconds_Behind_Master max %s, applied %,d ms after the primary's end (%d samples)",
                    tookMs, binlogBytes, maxLagMs, maxBytesBehind, maxSecondsBehind, appliedMs, samples);
        }
    }

    public static Measured measure(Database primary, MariaDbReplica replica, Statement s, Work work) throws Exception {
        Timeline timeline = new Timeline();
        long from;
        long took;
        long applied;
        long bytes;
        try (MariaDbReplicationProbe probe = new MariaDbReplicationProbe(primary, replica.database());
             Sampler<ReplicationSample> sampler = new Sampler<>(primary, "rehearse-replication", probe, timeline,
                     REPLICATION, Timeline.REPLICATION_INTERVAL_MS).start()) {
            Thread.sleep(300);
            long binlogBefore = binlogPosition(s);
            from = System.nanoTime();
            work.run(s);
            took = (System.nanoTime() - from) / 1_000_000;
            bytes = binlogPosition(s) - binlogBefore;
            applied = replica.awaitCaughtUp(600_000);
            Thread.sleep(300); // a sample after the apply: the lag reads 0 again
            assertThat(sampler.failure()).isNull();
        }
        Series<ReplicationSample> series = timeline.series(REPLICATION);
        List<Series.Point<ReplicationSample>> during = series.between(from, Long.MAX_VALUE);
        long maxLag = during.stream().mapToLong(x -> x.value().lagMs()).max().orElseThrow();
        long maxBehind = during.stream().mapToLong(x -> x.value().lagBytes()).max().orElseThrow();
        Long maxSeconds = during.stream().map(x -> x.value().replayLagMs()).filter(x -> x != null)
                .max(Long::compare).map(ms -> ms / 1000).orElse(null);
        ReplicationSample last = during.get(during.size() - 1).value();
        assertThat(last.lagMs()).isZero();
        assertThat(last.lagBytes()).isZero();
        return new Measured(bytes, maxLag, maxBehind, maxSeconds, during.size(), took, applied);
    }

    /** The primary's binlog end (one file: the provisioner does not rotate it during a rehearsal). */
    public static long binlogPosition(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
            rs.next();
            return rs.getLong("Position");
        }
    }
}
