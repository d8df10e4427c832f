package dev.rehearse.analyze;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.regression.SimpleRegression;

import java.util.List;
import java.util.Locale;

/**
 * How a statement's cost grows with its table: least-squares fits of a measure (duration, lock hold, WAL bytes)
 * against row count under three models, the choice between them, and the prediction at a larger row count with a
 * 95 % prediction interval. The regression is Apache Commons Math's {@link SimpleRegression} on the model's
 * transform of the row count ({@code n}, {@code n ln n}); the interval's quantile is its {@link TDistribution}.
 */
public final class Scaling {

    private Scaling() {}

    /** The cost models: what the operation does to each row decides which one it should follow. */
    public enum Model {
        /** Catalog-only changes: no row is read or written. */
        CONSTANT("constant"),
        /** Scans and rewrites: each row read (and written) once. */
        LINEAR("n"),
        /** Index builds and sorts: the rows sorted. */
        N_LOG_N("n log n");

        private final String id;

        Model(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** The regressor of the model at {@code rows}; CONSTANT has none. */
        double x(double rows) {
            return switch (this) {
                case CONSTANT -> 0;
                case LINEAR -> rows;
                case N_LOG_N -> rows * Math.log(Math.max(rows, 1));
            };
        }
    }

    /** One measurement: the table's rows and the measured value at them. */
    public record Point(double rows, double value) {}

    /**
     * One model fitted to the points.
     *
     * @param r2 the share of the variance the model explains; null for CONSTANT (it explains none by definition) or
     *           when the points do not vary
     * @param rmse the residuals' root mean square (with the model's degrees of freedom), in the measure's unit
     * @param slopePValue for the growing models, the probability of a slope this far from 0 if the cost did not grow
     *                    (null with fewer than three points)
     */
    public record Candidate(Model model, double intercept, double slope, Double r2, double rmse, double sse,
                            int n, Double slopePValue) {

        public double at(double rows) {
            return intercept + slope * model.x(rows);
        }
    }

    /**
     * The chosen model and why.
     *
     * @param candidates every model fitted, CONSTANT, LINEAR, N_LOG_N
     * @param reason one sentence: the operation's model, and what the fit quality said about it
     */
    public record Fit(Candidate chosen, List<Candidate> candidates, String reason, List<Point> points) {

        public Model model() {
            return chosen.model();
        }
    }

    /**
     * @param low the 95 % prediction interval's bounds; null with too few points for one (fewer than three, or two
     *            for CONSTANT)
     */
    public record Prediction(double value, Double low, Double high) {}

    /** An SSE ratio: the other growing model replaces the operation's only when it leaves less than half the error. */
    static final double CLEARLY_BETTER = 0.5;
    /** A metadata-only statement is taken as growing only when it grows this clearly (R² of the growing model). */
    static final double GROWTH_R2 = 0.9;
    static final double SIGNIFICANT = 0.05;

    public static Candidate fit(Model model, List<Point> points) {
        int n = points.size();
        if (n == 0) throw new IllegalArgumentException("no points to fit");
        if (model == Model.CONSTANT) {
            double mean = points.stream().mapToDouble(Point::value).average().orElse(0);
            double sse = points.stream().mapToDouble(p -> (p.value() - mean) * (p.value() - mean)).sum();
            return new Candidate(model, mean, 0, null, n > 1 ? Math.sqrt(sse / (n - 1)) : 0, sse, n, null);
        }
        SimpleRegression r = new SimpleRegression(true);
        for (Point p : points) r.addData(model.x(p.rows()), p.value());
        if (r.getXSumSquares() == 0) throw new IllegalArgumentException("the points are all at one row count");
        double sse = Math.max(0, r.getSumSquaredErrors());
        double r2 = r.getRSquare();
        double rmse = n > 2 ? Math.sqrt(sse / (n - 2)) : 0;
        Double p = n > 2 ? finite(r.getSignificance()) : null;
        return new Candidate(model, r.getIntercept(), r.getSlope(), Double.isFinite(r2) ? r2 : null, rmse, sse, n, p);
    }

    /**
     * Fits every model and chooses one: the operation's own model ({@code expected}: LINEAR for scans, rewrites and
     * index builds, N_LOG_N for a sort the caller knows is one, CONSTANT for catalog-only changes), unless the fit says
     * otherwise. A growing
     * model gives way to CONSTANT when the cost did not grow (a slope at or below 0); to the other growing model when
     * that leaves less than half its squared error; a CONSTANT gives way to a growing model when the cost grows
     * clearly (slope significant at 5 %, R² at least 0.9).
     */
    public static Fit choose(Model expected, List<Point> points) {
        return choose(expected, operation(expected), points);
    }

    /** @param operation what the statement did, as the reason names it ("index build", "scan or rewrite") */
    public static Fit choose(Model expected, String operation, List<Point> points) {
        if (distinctRows(points) < 2) {
            Candidate c = fit(Model.CONSTANT, points);
            return new Fit(c, List.of(c), "one row count only: no growth can be fitted", List.copyOf(points));
        }
        Candidate constant = fit(Model.CONSTANT, points);
        Candidate linear = fit(Model.LINEAR, points);
        Candidate nlogn = fit(Model.N_LOG_N, points);
        List<Candidate> all = List.of(constant, linear, nlogn);
        Candidate growing = linear.sse() <= nlogn.sse() ? linear : nlogn;
        if (expected == Model.CONSTANT) {
            if (growing.slope() > 0 && growing.slopePValue() != null && growing.slopePValue() < SIGNIFICANT
                    && growing.r2() != null && growing.r2() >= GROWTH_R2) {
                return new Fit(growing, all, "catalog-only by what it touched, yet it grows with rows: " + growing.model().id()
                        + " (R² " + r2(growing) + ", slope p " + p(growing) + ")", List.copyOf(points));
            }
            return new Fit(constant, all, "catalog-only: no rewrite, scan or index build, and no clear growth with rows"
                    + " (" + growing.model().id() + " R² " + r2(growing) + (growing.slopePValue() == null ? ""
                    : ", slope p " + p(growing)) + ")", List.copyOf(points));
        }
        Candidate own = expected == Model.LINEAR ? linear : nlogn;
        Candidate other = expected == Model.LINEAR ? nlogn : linear;
        if (own.slope() <= 0 && other.slope() <= 0) {
            return new Fit(constant, all, "expected " + expected.id() + ", but it did not grow across the scales"
                    + " (slope ≤ 0): constant; larger scales would show growth the noise hides here", List.copyOf(points));
        }
        if (other.slope() > 0 && (own.slope() <= 0 || other.sse() < CLEARLY_BETTER * own.sse())) {
            return new Fit(other, all, "expected " + expected.id() + ", but " + other.model().id() + " fits clearly better"
                    + " (R² " + r2(other) + " against " + r2(own) + ")", List.copyOf(points));
        }
        return new Fit(own, all, operation + ": " + expected.id() + " (R² " + r2(own) + "; "
                + other.model().id() + " R² " + r2(other) + ")", List.copyOf(points));
    }

    /** The same model refitted to another measure of the same statement (its lock hold, its WAL), for prediction. */
    public static Fit refit(Model model, List<Point> points, String reason) {
        Model m = distinctRows(points) < 2 ? Model.CONSTANT : model;
        return new Fit(fit(m, points), List.of(), reason, List.copyOf(points));
    }

    /**
     * The fitted value at {@code rows} and its 95 % prediction interval: where one more measurement at that row count
     * would fall, {@code ŷ ± t(0.975, n − k) · s · √(1 + 1/n + (x₀ − x̄)² / Sxx)}, which widens with the distance from
     * the measured scales and with the residuals (the repeats' spread among them). Values below 0 are cut to 0.
     */
    public static Prediction predict(Fit fit, double rows) {
        Candidate c = fit.chosen();
        List<Point> points = fit.points();
        int n = points.size();
        double value = Math.max(0, c.at(rows));
        int df = n - (c.model() == Model.CONSTANT ? 1 : 2);
        if (df < 1) return new Prediction(value, null, null);
        double t = new TDistribution(df).inverseCumulativeProbability(0.975);
        double s = c.model() == Model.CONSTANT ? c.rmse() : Math.sqrt(c.sse() / df);
        double spread;
        if (c.model() == Model.CONSTANT) {
            spread = Math.sqrt(1 + 1.0 / n);
        } else {
            double mean = points.stream().mapToDouble(p -> c.model().x(p.rows())).average().orElse(0);
            double sxx = points.stream().mapToDouble(p -> Math.pow(c.model().x(p.rows()) - mean, 2)).sum();
            double dx = c.model().x(rows) - mean;
            spread = Math.sqrt(1 + 1.0 / n + dx * dx / sxx);
        }
        double half = t * s * spread;
        return new Prediction(value, Math.max(0, c.at(rows) - half), Math.max(0, c.at(rows) + half));
    }

    public static int distinctRows(List<Point> points) {
        return (int) points.stream().mapToDouble(Point::rows).distinct().count();
    }

    private static String operation(Model m) {
        return switch (m) {
            case LINEAR -> "scan or rewrite";
            case N_LOG_N -> "index build or sort";
            case CONSTANT -> "catalog-only";
        };
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static String r2(Candidate c) {
        return c.r2() == null ? "n/a" : String.format(Locale.ROOT, "%.3f", c.r2());
    }

    private static String p(Candidate c) {
        Double v = c.slopePValue();
        return v == null ? "n/a" : v < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", v);
    }
}
