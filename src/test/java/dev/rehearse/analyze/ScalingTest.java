package dev.rehearse.analyze;

import dev.rehearse.analyze.Scaling.Model;
import dev.rehearse.analyze.Scaling.Point;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The fits, the model choice and the prediction intervals, on numbers shaped like rehearsals'. */
class ScalingTest {

    /**
     * Three repeats per scale, one on the curve and two off it by {@code noise} either way (the side alternating with
     * the scale), so the repeats' mean is the curve and their spread is known.
     */
    private static List<Point> points(DoubleUnaryOperator cost, double noise, double... scales) {
        double[] repeat = {1, -1, 0};
        List<Point> out = new ArrayList<>();
        for (double r : repeat) {
            for (int i = 0; i < scales.length; i++) {
                double side = i % 2 == 0 ? 1 : -1;
                out.add(new Point(scales[i], cost.applyAsDouble(scales[i]) * (1 + noise * r * side)));
            }
        }
        return out;
    }

    private static final double[] SCALES = {100_000, 300_000, 1_000_000, 3_000_000};

    @Test
    void aRewriteThatGrowsLinearlyIsFittedLinearlyAndPredictedWithinItsInterval() {
        // 1.8 µs a row plus 12 ms of fixed cost, as a rewrite of a narrow table measures on a laptop
        DoubleUnaryOperator rewrite = n -> 12 + 0.0018 * n;
        Scaling.Fit fit = Scaling.choose(Model.LINEAR, points(rewrite, 0.03, SCALES));
        assertThat(fit.model()).isEqualTo(Model.LINEAR);
        assertThat(fit.chosen().r2()).isGreaterThan(0.99);
        assertThat(fit.chosen().slope()).isCloseTo(0.0018, within(0.0001));
        assertThat(fit.reason()).contains("scan or rewrite", "R²");
        assertThat(fit.candidates()).extracting(Scaling.Candidate::model)
                .containsExactly(Model.CONSTANT, Model.LINEAR, Model.N_LOG_N);
        Scaling.Prediction p = Scaling.predict(fit, 120_000_000);
        double truth = rewrite.applyAsDouble(120_000_000); // 216 s
        assertThat(p.value()).isCloseTo(truth, within(truth * 0.05));
        assertThat(p.low()).isLessThan(truth);
        assertThat(p.high()).isGreaterThan(truth);
    }

    @Test
    void anIndexBuildKeepsNLogNWhenTheFitCannotTellThemApart() {
        DoubleUnaryOperator build = n -> 30 + 0.00012 * n * Math.log(n);
        Scaling.Fit fit = Scaling.choose(Model.N_LOG_N, points(build, 0.03, SCALES));
        assertThat(fit.model()).isEqualTo(Model.N_LOG_N);
        assertThat(fit.reason()).startsWith("index build or sort: n log n");
        // at 100k-3M the linear fit is almost as good: the operation's model decides
        Scaling.Candidate linear = fit.candidates().get(1);
        assertThat(linear.r2()).isGreaterThan(0.98);
        Scaling.Prediction p = Scaling.predict(fit, 120_000_000);
        double truth = build.applyAsDouble(120_000_000);
        assertThat(p.value()).isCloseTo(truth, within(truth * 0.05));
        // a linear extrapolation of the same points would have said less
        double linearSays = linear.at(120_000_000);
        assertThat(linearSays).isLessThan(p.value());
    }

    @Test
    void theOtherGrowingModelWinsWhenItLeavesLessThanHalfTheError() {
        // a sort over four decades of rows: n log n bends enough that a line cannot follow it
        DoubleUnaryOperator sort = n -> 0.0004 * n * Math.log(n);
        Scaling.Fit fit = Scaling.choose(Model.LINEAR, points(sort, 0.005, 1_000, 10_000, 100_000, 1_000_000, 10_000_000));
        Scaling.Candidate linear = fit.candidates().get(1), nlogn = fit.candidates().get(2);
        assertThat(nlogn.sse()).isLessThan(Scaling.CLEARLY_BETTER * linear.sse());
        assertThat(fit.model()).isEqualTo(Model.N_LOG_N);
        assertThat(fit.reason()).contains("expected n, but n log n fits clearly better");
    }

    @Test
    void aCatalogOnlyChangeStaysConstantWhenItsTimeIsNoise() {
        // 2-4 ms whatever the table's size: ADD COLUMN without a default on PostgreSQL 11+
        List<Point> pts = new ArrayList<>();
        double[] ms = {3, 2, 4, 3, 2, 3, 4, 2, 3, 3, 2, 4};
        for (int i = 0; i < ms.length; i++) pts.add(new Point(SCALES[i % 4], ms[i]));
        Scaling.Fit fit = Scaling.choose(Model.CONSTANT, pts);
        assertThat(fit.model()).isEqualTo(Model.CONSTANT);
        assertThat(fit.chosen().r2()).isNull();
        assertThat(fit.reason()).startsWith("catalog-only");
        Scaling.Prediction p = Scaling.predict(fit, 120_000_000);
        assertThat(p.value()).isCloseTo(2.917, within(0.01));
        assertThat(p.low()).isGreaterThanOrEqualTo(0).isLessThan(2.9);
        assertThat(p.high()).isBetween(4.0, 6.0); // the next one lands where these did, at any size
    }

    @Test
    void aCatalogOnlyChangeThatClearlyGrowsIsFittedAsGrowing() {
        Scaling.Fit fit = Scaling.choose(Model.CONSTANT, points(n -> 5 + 0.001 * n, 0.02, SCALES));
        assertThat(fit.model()).isIn(Model.LINEAR, Model.N_LOG_N);
        assertThat(fit.reason()).contains("yet it grows with rows");
    }

    @Test
    void aScanThatDidNotGrowAcrossTheScalesIsConstantAndSaysWhy() {
        List<Point> pts = List.of(new Point(2_000, 9), new Point(5_000, 7), new Point(10_000, 6),
                new Point(2_000, 8), new Point(5_000, 8), new Point(10_000, 5));
        Scaling.Fit fit = Scaling.choose(Model.LINEAR, pts);
        assertThat(fit.model()).isEqualTo(Model.CONSTANT);
        assertThat(fit.reason()).contains("did not grow", "noise");
    }

    @Test
    void theIntervalWidensWithTheDistanceFromTheScalesAndWithTheRepeatsSpread() {
        DoubleUnaryOperator scan = n -> 4 + 0.0006 * n;
        Scaling.Fit quiet = Scaling.choose(Model.LINEAR, points(scan, 0.02, SCALES));
        Scaling.Fit noisy = Scaling.choose(Model.LINEAR, points(scan, 0.15, SCALES));
        Scaling.Prediction near = Scaling.predict(quiet, 3_000_000), far = Scaling.predict(quiet, 120_000_000);
        assertThat(far.high() - far.low()).isGreaterThan(10 * (near.high() - near.low()));
        Scaling.Prediction wide = Scaling.predict(noisy, 120_000_000);
        assertThat(wide.high() - wide.low()).isGreaterThan(5 * (far.high() - far.low()));
        assertThat(wide.low()).isLessThan(scan.applyAsDouble(120_000_000));
        assertThat(wide.high()).isGreaterThan(scan.applyAsDouble(120_000_000));
    }

    @Test
    void twoPointsFitALineButGiveNoInterval() {
        Scaling.Fit fit = Scaling.choose(Model.LINEAR, List.of(new Point(1_000, 10), new Point(2_000, 20)));
        assertThat(fit.model()).isEqualTo(Model.LINEAR);
        Scaling.Prediction p = Scaling.predict(fit, 10_000);
        assertThat(p.value()).isCloseTo(100, within(1e-6));
        assertThat(p.low()).isNull();
        assertThat(p.high()).isNull();
    }

    @Test
    void oneRowCountIsNoGrowthToFit() {
        Scaling.Fit fit = Scaling.choose(Model.LINEAR, List.of(new Point(1_000, 10), new Point(1_000, 12)));
        assertThat(fit.model()).isEqualTo(Model.CONSTANT);
        assertThat(fit.reason()).contains("one row count");
    }

    @Test
    void theIntervalIsTheTextbookOneForALine() {
        // x = 1..5, y = 2.1, 3.9, 6.2, 7.8, 10.1: b = 1.99, a = 0.05, SSE = 0.107, s = √(0.107 / 3) = 0.1889; at
        // x0 = 10 the 95 % prediction interval is 19.95 ± 3.182 · 0.1889 · √(1 + 1/5 + 49/10) = 19.95 ± 1.484
        List<Point> pts = List.of(new Point(1, 2.1), new Point(2, 3.9), new Point(3, 6.2), new Point(4, 7.8),
                new Point(5, 10.1));
        Scaling.Fit fit = Scaling.choose(Model.LINEAR, pts);
        Scaling.Prediction p = Scaling.predict(fit, 10);
        assertThat(p.value()).isCloseTo(19.95, within(1e-9));
        assertThat(p.high() - p.value()).isCloseTo(1.484, within(0.002));
        assertThat(p.value() - p.low()).isCloseTo(1.484, within(0.002));
    }
}
