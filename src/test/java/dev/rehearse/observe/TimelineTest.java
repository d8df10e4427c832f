package dev.rehearse.observe;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimelineTest {

    @Test
    void aSeriesStaysInTimeOrderAndAnswersInclusiveRanges() {
        Timeline t = new Timeline();
        Series<String> s = t.series(SeriesKey.of("s"));
        s.add(10, "a");
        s.add(30, "c");
        s.add(20, "b"); // late, from another thread
        assertThat(s.points()).extracting(Series.Point::value).containsExactly("a", "b", "c");
        assertThat(s.between(20, 30)).extracting(Series.Point::value).containsExactly("b", "c");
        assertThat(s.between(11, 19)).isEmpty();
        assertThat(s.between(40, 10)).isEmpty();
        assertThat(s.between(20, Long.MAX_VALUE)).as("to the end").extracting(Series.Point::value).containsExactly("b", "c");
    }

    @Test
    void seriesAreTypedByTheirKeyAndANameBelongsToOneKey() {
        Timeline t = new Timeline();
        SeriesKey<Integer> key = SeriesKey.of("n");
        assertThat(t.series(key)).isSameAs(t.series(key));
        assertThatThrownBy(() -> t.series(SeriesKey.<String>of("n"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lockSamplesAreAViewOfTheLockSeries() {
        Timeline t = new Timeline();
        List<LockSample.SessionLock> locks = List.of(
                new LockSample.SessionLock(7, "accounts", "AccessExclusiveLock", true, List.of(), 0, "ALTER TABLE"));
        t.add(new LockSample(100, locks));
        t.series(Timeline.LOCKS).add(200, List.of());
        assertThat(t.lockSamples()).containsExactly(new LockSample(100, locks), new LockSample(200, List.of()));
        assertThat(t.lockSamples(150, 250)).containsExactly(new LockSample(200, List.of()));
    }
}
