package dev.rehearse.analyze;

import dev.rehearse.observe.ReplicationSample;
import dev.rehearse.observe.Series;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The series joined with a statement's span by when what the replica lacked was written. */
class ReplicationLagTest {

    private static final long MS = 1_000_000L;

    private static List<Series.Point<ReplicationSample>> series(long... lagsMs) {
        List<Series.Point<ReplicationSample>> out = new ArrayList<>();
        for (int i = 0; i < lagsMs.length; i++) {
            out.add(new Series.Point<>(i * 100 * MS, new ReplicationSample(lagsMs[i], lagsMs[i] * 1000, null, null,
                    null, null, null, null)));
        }
        return out;
    }

    @Test
    void theCatchUpAfterAStatementIsItsLag() {
        // a statement from 100 to 300 ms; the replica falls behind and catches up by 1 s
        ReplicationLag lag = new ReplicationLag(series(0, 0, 100, 200, 300, 200, 100, 0, 0, 0), 100 * MS);
        ReplicationLag.Span span = new ReplicationLag.Span(100 * MS, 300 * MS);
        // at 400 ms the replica lacked what was written at 100 ms: the statement's
        assertThat(lag.maxLagMs(span)).isEqualTo(300);
        // samples at 300..600 ms lagged 200 ms or more: four intervals of 100 ms
        assertThat(lag.timeOverMs(span, 200)).isEqualTo(300);
        // a later statement, written after the replica caught up, answers for none of it
        assertThat(lag.maxLagMs(new ReplicationLag.Span(750 * MS, 760 * MS))).isZero();
    }

    @Test
    void aStatementShorterThanASampleAnswersForTheFirstSampleOnceTheReplicaReachedIt() {
        ReplicationLag lag = new ReplicationLag(series(0, 0, 0, 0), 100 * MS);
        assertThat(lag.maxLagMs(new ReplicationLag.Span(110 * MS, 112 * MS))).isZero();
        assertThat(lag.timeOverMs(new ReplicationLag.Span(110 * MS, 112 * MS), 1)).isZero();
    }

    @Test
    void aShortStatementBehindABackfillIsNotChargedWithTheBackfillsCatchUp() {
        // the backfill ran 0-300 ms; the replica catches up until 900 ms; a 5 ms ALTER ran at 310 ms
        ReplicationLag lag = new ReplicationLag(series(0, 100, 200, 300, 400, 500, 400, 300, 0, 0), 100 * MS);
        assertThat(lag.maxLagMs(new ReplicationLag.Span(0, 300 * MS))).isEqualTo(500);
        // at 800 ms the replica lacked what was written at 500 ms, after the ALTER: that is its lag
        assertThat(lag.maxLagMs(new ReplicationLag.Span(310 * MS, 315 * MS))).isEqualTo(300);
    }

    @Test
    void withoutAReplicaNothingIsMeasured() {
        ReplicationLag lag = new ReplicationLag(null, 0);
        assertThat(lag.measured()).isFalse();
        assertThat(lag.maxLagMs(new ReplicationLag.Span(0, 1))).isNull();
        assertThat(lag.lagAt(5)).isNull();
    }
}
