package dev.rehearse.engine.postgres;

import dev.rehearse.seed.ColumnModel;
import dev.rehearse.seed.ColumnType.Kind;
import dev.rehearse.seed.Profile;
import dev.rehearse.seed.Profile.ColumnSpec;
import dev.rehearse.seed.Profile.TableSpec;
import dev.rehearse.seed.ProfileCapture;
import dev.rehearse.seed.ProfileGenerators;
import dev.rehearse.seed.TableModel;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A profile from pg_class (row estimates), pg_stats (null fractions, distinct counts, average widths,
 * most-common values and frequencies, histogram bounds) and the catalog the schema reader reads. Reads
 * no table rows: pg_stats is what ANALYZE left behind, so tables must have been analyzed.
 */
public final class PostgresProfileCapture implements ProfileCapture {

    private static final Set<Kind> ORDERED = EnumSet.of(Kind.SMALLINT, Kind.INTEGER, Kind.BIGINT, Kind.NUMERIC,
            Kind.REAL, Kind.DOUBLE, Kind.DATE, Kind.TIMESTAMP, Kind.TIMESTAMPTZ);
    /** Values that identify nothing about a person: numbers, dates, enum labels (schema), booleans. */
    private static final Set<Kind> SAFE_VALUES = EnumSet.of(Kind.SMALLINT, Kind.INTEGER, Kind.BIGINT, Kind.NUMERIC,
            Kind.REAL, Kind.DOUBLE, Kind.DATE, Kind.TIMESTAMP, Kind.TIMESTAMPTZ, Kind.ENUM, Kind.BOOLEAN);
    private static final Set<Kind> TEXTS = EnumSet.of(Kind.TEXT, Kind.VARCHAR, Kind.CHAR);

    private record Stats(double nullFrac, int avgWidth, double nDistinct, List<String> mcv, List<Double> mcf,
                         List<String> histogram) {}

    @Override
    public String sources() {
        return "pg_class, pg_stats, pg_attribute, pg_constraint";
    }

    @Override
    public Profile capture(Connection c, boolean keepValues, Consumer<String> warnings) throws SQLException {
        List<TableModel> tables = new PostgresSchemaReader().read(c);
        Map<String, Double> reltuples = new HashMap<>();
        Map<String, Map<String, Stats>> stats = new HashMap<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT n.nspname || '.' || c.relname, c.reltuples, c.relpages FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')")) {
                while (rs.next()) reltuples.put(rs.getString(1), rs.getDouble(2));
            }
            // ::text::text[] turns anyarray into an array JDBC can read, whatever the column's type.
            try (ResultSet rs = s.executeQuery("SELECT schemaname || '.' || tablename, attname, null_frac, avg_width, n_distinct,"
                    + " most_common_vals::text::text[], most_common_freqs, histogram_bounds::text::text[]"
                    + " FROM pg_stats WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY inherited")) {
                while (rs.next()) {
                    stats.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).putIfAbsent(rs.getString(2), new Stats(
                            rs.getDouble(3), rs.getInt(4), rs.getDouble(5), strings(rs.getArray(6)), doubles(rs.getArray(7)),
                            strings(rs.getArray(8))));
                }
            }
        }
        Map<String, TableSpec> out = new LinkedHashMap<>();
        for (TableModel t : tables) {
            double tuples = reltuples.getOrDefault(t.qualifiedName(), -1.0);
            Map<String, Stats> columns = stats.getOrDefault(t.qualifiedName(), Map.of());
            // reltuples is -1 before the first ANALYZE from 14; before 14 an unanalyzed table reads 0 rows.
            if (tuples < 0 || (columns.isEmpty() && !t.columns().isEmpty())) {
                warnings.accept(t + " has no statistics (never analyzed, or empty): row count " + (tuples < 0 ? "unknown, 0 written"
                        : "from pg_class") + ", columns left to defaults; run ANALYZE " + t + " first for a faithful profile");
            }
            long rows = Math.max(0, Math.round(tuples));
            Map<String, ColumnSpec> specs = new LinkedHashMap<>();
            for (ColumnModel col : t.columns()) {
                if (col.generated()) continue;
                Stats st = columns.get(col.name());
                ColumnSpec spec = column(t, col, st, rows, tables, reltuples, keepValues);
                if (spec != null) specs.put(col.name(), spec);
            }
            String name = t.schema().equals("public") ? t.name() : t.qualifiedName();
            out.put(name, new TableSpec(name, 0, rows, specs));
        }
        return new Profile(null, 1.0, out);
    }

    private static ColumnSpec column(TableModel t, ColumnModel col, Stats st, long rows, List<TableModel> tables,
                                     Map<String, Double> reltuples, boolean keepValues) {
        if (st == null) return null;
        Kind kind = col.type().kind();
        TableModel.ForeignKey fk = t.foreignKeys().stream().filter(k -> k.columns().size() == 1
                && k.columns().get(0).equals(col.name())).findFirst().orElse(null);
        boolean unique = t.uniqueKeys().stream().anyMatch(k -> k.columns().equals(List.of(col.name())));
        double nullFrac = col.notNull() ? 0 : round(st.nullFrac());
        if (fk != null) {
            // Skew: the exponent that leaves as many distinct parents referenced as the statistics saw (what
            // join estimates depend on); without a distinct count, the one that gives the top parent its share.
            long parents = (long) Math.max(1, reltuples.getOrDefault(fk.refQualifiedName(), 1.0));
            long children = Math.round(rows * (1 - st.nullFrac()));
            double referenced = st.nDistinct() > 0 ? st.nDistinct() : -st.nDistinct() * rows;
            // The busiest parents keep their captured shares (by rank, not by key); the tail is zipf.
            List<Double> head = st.mcf().isEmpty() ? null : st.mcf();
            int top = head == null ? 0 : (int) Math.min(head.size(), parents - 1);
            double headShare = head == null ? 0 : head.stream().limit(top).mapToDouble(Double::doubleValue).sum() / Math.max(1e-9, 1 - st.nullFrac());
            long tailChildren = Math.round(children * Math.max(0, 1 - headShare));
            double skew = 0;
            if (referenced > top && tailChildren > 0 && parents > top) skew = fitZipfDistinct(referenced - top, parents - top, tailChildren);
            else if (head == null && !st.mcf().isEmpty() && st.nullFrac() < 1) skew = fitZipf(st.mcf().get(0) / (1 - st.nullFrac()), parents);
            return spec(col, "foreign_key", nullFrac, null, null, null, null, skew, top == 0 ? null : head.subList(0, top), null, null);
        }
        if (unique || col.identity()) return null; // keys: the planner's unique generators already fit them
        Long distinct = null;
        Double ratio = null;
        if (st.nDistinct() > 0) distinct = Math.max(1, Math.round(st.nDistinct()));
        else if (st.nDistinct() < 0) ratio = round(-st.nDistinct());
        List<String> mcv = st.mcv().isEmpty() ? null : st.mcv();
        List<Double> mcf = st.mcv().isEmpty() ? null : st.mcf();
        if (mcv != null && !keepValues && !SAFE_VALUES.contains(kind)) {
            if (TEXTS.contains(kind)) {
                // Same frequencies and width, made-up values: the shape without the data.
                List<String> synthetic = new ArrayList<>();
                for (int i = 0; i < mcv.size(); i++) synthetic.add(syntheticValue(i, st.avgWidth()));
                mcv = synthetic;
            } else {
                mcv = null; // json, uuid, inet...: no synthetic stand-in of the same type; distinct count suffices
                mcf = null;
            }
        }
        List<String> histogram = st.histogram().isEmpty() ? null : st.histogram();
        if (histogram != null && !ORDERED.contains(kind) && !keepValues) histogram = null; // text bounds: values
        Integer width = TEXTS.contains(kind) || kind == Kind.JSON || kind == Kind.JSONB ? st.avgWidth() : null;
        return spec(col, "distribution", nullFrac, distinct, ratio, width, mcv, null, mcf, histogram, null);
    }

    private static ColumnSpec spec(ColumnModel col, String generator, double nullFraction, Long distinct, Double ratio,
                                   Integer width, List<String> values, Double exponent, List<Double> weights,
                                   List<String> histogram, String references) {
        return new ColumnSpec(col.name(), null, 0, generator, nullFraction, false, null, null, null, null, exponent,
                null, null, distinct, ratio, width, null, null, null, references, values, weights, histogram, null, null);
    }

    /** A made-up most-common value of the original's average width (1 byte of it is the length header), distinct per rank. */
    static String syntheticValue(int rank, int avgWidth) {
        String id = Integer.toString(rank + 1, 36);
        int width = Math.max(id.length(), avgWidth - 1);
        String filler = "value".repeat(width / 5 + 1);
        return filler.substring(0, width - id.length()) + id;
    }

    /** Rows ANALYZE samples at the default statistics target (300 × 100). */
    private static final long SAMPLE = 30_000;

    /**
     * The zipf exponent s for which ANALYZE, sampling {@code m} children drawn among {@code n} parents,
     * would estimate {@code distinct} parents. Fitting the estimate rather than the true count matters:
     * ANALYZE's estimator (Haas and Stokes) underestimates skewed columns, and it is the estimate the
     * planner sees, before as after.
     */
    static double fitZipfDistinct(double distinct, long n, long m) {
        if (distinct >= estimatedDistinct(0, n, m) * 0.98) return 0;
        double lo = 0, hi = 5;
        for (int i = 0; i < 40; i++) {
            double mid = (lo + hi) / 2;
            if (estimatedDistinct(mid, n, m) > distinct) lo = mid;
            else hi = mid;
        }
        return round((lo + hi) / 2);
    }

    /** ANALYZE's expected n_distinct: n·d / (n − f1 + f1·n/N) over a sample of n rows; ranks in 1%-wide buckets. */
    static double estimatedDistinct(double s, long parents, long rows) {
        long k = Math.min(rows, SAMPLE);
        double d = 0, f1 = 0;
        for (long a = 0; a < parents; ) {
            long b = Math.min(parents, Math.max(a + 1, (long) (a * 1.01)));
            double p = Math.min((ProfileGenerators.zipfShare(b, parents, s) - ProfileGenerators.zipfShare(a, parents, s)) / (b - a),
                    1 - 1e-12);
            double miss = Math.exp((k - 1) * Math.log1p(-p));
            d += (b - a) * (1 - miss * (1 - p));
            f1 += (b - a) * k * p * miss;
            a = b;
        }
        if (k >= rows) return d;
        return k * d / (k - f1 + f1 * k / (double) rows);
    }

    /** The zipf exponent s whose top rank among n takes {@code share} of the draws (bisection). */
    static double fitZipf(double share, long n) {
        if (n <= 1 || share <= 1.5 / n) return 0; // about uniform
        double lo = 0.01, hi = 5;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (ProfileGenerators.zipfShare(1, n, mid) < share) lo = mid;
            else hi = mid;
        }
        return round((lo + hi) / 2);
    }

    private static double round(double x) {
        return Math.round(x * 1e6) / 1e6;
    }

    private static List<String> strings(Array a) throws SQLException {
        if (a == null) return List.of();
        List<String> out = new ArrayList<>();
        for (Object o : (Object[]) a.getArray()) out.add(o == null ? null : o.toString());
        return out;
    }

    private static List<Double> doubles(Array a) throws SQLException {
        if (a == null) return List.of();
        List<Double> out = new ArrayList<>();
        for (Object o : (Object[]) a.getArray()) out.add(((Number) o).doubleValue());
        return out;
    }
}
