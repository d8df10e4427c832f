package dev.rehearse.seed;

import dev.rehearse.seed.ColumnType.Kind;
import dev.rehearse.seed.Profile.ColumnSpec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleFunction;

/**
 * The generators a profile names. Like {@link Generators}, every value is a pure function of
 * (seed, column, row), so tables stream and the same seed gives the same data.
 */
public final class ProfileGenerators {

    private static final Set<Kind> NUMBERS = EnumSet.of(Kind.SMALLINT, Kind.INTEGER, Kind.BIGINT, Kind.NUMERIC,
            Kind.REAL, Kind.DOUBLE);
    private static final Set<Kind> TIMES = EnumSet.of(Kind.DATE, Kind.TIMESTAMP, Kind.TIMESTAMPTZ);
    private static final Set<Kind> TEXTS = EnumSet.of(Kind.TEXT, Kind.VARCHAR, Kind.CHAR);

    private ProfileGenerators() {}

    /**
     * @param unique the column must hold distinct values (the schema's key or the profile's {@code unique})
     * @throws dev.rehearse.InvalidInputException naming the profile's file and line when the spec cannot fit the column
     */
    public static ColumnGenerator forSpec(ColumnSpec spec, ColumnModel c, ColumnRule rule, boolean unique, long rows,
                                          long seed, long salt, Literals literals) {
        if (spec.nullFraction() > 0 && c.notNull()) {
            throw spec.error("null_fraction " + spec.nullFraction() + " on a NOT NULL column");
        }
        ColumnGenerator g = values(spec, c, rule, unique, rows, seed, salt, literals);
        return withNulls(g, spec.nullFraction(), seed, salt);
    }

    static ColumnGenerator withNulls(ColumnGenerator g, double fraction, long seed, long salt) {
        if (fraction <= 0) return g;
        long nullSalt = salt ^ 0x5bd1e995L;
        if (g instanceof ByteGenerator b) {
            return new ByteGenerator() {
                public String value(long row) {
                    return unit(Rng.hash(seed, nullSalt, row)) < fraction ? null : b.value(row);
                }

                public boolean write(long row, Bytes out) {
                    return unit(Rng.hash(seed, nullSalt, row)) >= fraction && b.write(row, out);
                }

                public boolean plain() {
                    return b.plain();
                }
            };
        }
        return row -> unit(Rng.hash(seed, nullSalt, row)) < fraction ? null : g.value(row);
    }

    private static ColumnGenerator values(ColumnSpec spec, ColumnModel c, ColumnRule rule, boolean unique, long rows,
                                          long seed, long salt, Literals literals) {
        ColumnType type = c.type();
        Kind kind = type.kind();
        String g = spec.generator();
        switch (g) {
            case "sequence" -> {
                need(spec, c, NUMBERS);
                long start = spec.start() == null ? 1 : spec.start();
                long step = spec.step() == null ? 1 : spec.step();
                // Whole numbers through the byte path; the same value as numberFormat's (a double, rounded).
                if (type.isInteger()) return ByteGenerator.ofLong(row -> Math.round((double) (start + (row - 1) * step)));
                DoubleFunction<String> f = numberFormat(type);
                return row -> f.apply(start + (row - 1) * step);
            }
            case "uniform" -> {
                need(spec, c, NUMBERS);
                double lo = spec.min(), hi = spec.max();
                DoubleFunction<String> f = numberFormat(type);
                if (type.isInteger()) {
                    long a = (long) Math.ceil(lo), span = (long) Math.floor(hi) - a + 1;
                    if (unique) {
                        if (span < rows) throw spec.error("unique, but [" + fmt(lo) + ", " + fmt(hi) + "] holds " + span
                                + " distinct integers, fewer than " + rows + " rows");
                        long mult = coprime(span, salt);
                        return ByteGenerator.ofLong(row -> a + mulMod(row - 1, mult, span));
                    }
                    return ByteGenerator.ofLong(row -> a + Rng.below(Rng.hash(seed, salt, row), span));
                }
                if (unique) throw spec.error("unique is only supported for uniform integers");
                return row -> f.apply(lo + (hi - lo) * unit(Rng.hash(seed, salt, row)));
            }
            case "normal" -> {
                need(spec, c, NUMBERS);
                if (unique) throw spec.error("a normal distribution cannot promise distinct values; use sequence or uniform");
                double mean = spec.mean(), sd = spec.stddev();
                double lo = spec.min() == null ? Double.NEGATIVE_INFINITY : spec.min();
                double hi = spec.max() == null ? Double.POSITIVE_INFINITY : spec.max();
                java.util.function.LongToDoubleFunction draw = row -> {
                    long h = Rng.hash(seed, salt, row);
                    // Box-Muller from two independent draws of the same hash.
                    double u1 = Math.max(unit(h), 1e-300), u2 = unit(Rng.next(h, 0));
                    double x = mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
                    return Math.min(hi, Math.max(lo, x));
                };
                if (type.isInteger()) return ByteGenerator.ofLong(row -> Math.round(draw.applyAsDouble(row)));
                DoubleFunction<String> f = numberFormat(type);
                return row -> f.apply(draw.applyAsDouble(row));
            }
            case "zipf" -> {
                List<String> list = spec.values();
                long n = list != null ? list.size() : spec.distinct() == null ? 1000 : spec.distinct();
                if (unique) throw spec.error("unique, but zipf repeats its frequent values; use sequence or text");
                double s = spec.exponent() == null ? 1.0 : spec.exponent();
                long scatter = coprime(n, salt);
                if (list != null) return ByteGenerator.ofList(list, row -> (int) zipf(Rng.hash(seed, salt, row), n, s));
                if (type.isInteger()) { // byIndex's value of a rank is the rank itself
                    return ByteGenerator.ofLong(row -> 1 + mulMod(zipf(Rng.hash(seed, salt, row), n, s), scatter, n));
                }
                ColumnGenerator byRank = byIndex(spec, c, rule, seed, salt);
                return row -> byRank.value(1 + (list != null ? zipf(Rng.hash(seed, salt, row), n, s)
                        : mulMod(zipf(Rng.hash(seed, salt, row), n, s), scatter, n)));
            }
            case "weighted" -> {
                List<String> vs = spec.values();
                if (unique && vs.size() < rows) throw spec.error("unique, but " + vs.size() + " values for " + rows + " rows");
                if (unique) return ByteGenerator.ofList(vs, row -> (int) (row - 1));
                double[] cumulative = cumulative(spec.weights());
                return ByteGenerator.ofList(vs, row -> pick(cumulative, unit(Rng.hash(seed, salt, row))));
            }
            case "text" -> {
                need(spec, c, TEXTS);
                Profile.Length len = spec.length() == null ? new Profile.Length(8, 40, 24) : spec.length();
                int cap = cap(type, rule);
                if (len.min() > cap) throw spec.error("length min " + len.min() + " exceeds the column's " + cap + " characters");
                int lo = len.min(), hi = Math.min(len.max(), cap);
                // Lengths lo + (hi-lo)·u^p average lo + (hi-lo)/(p+1): p follows from the wanted mean.
                double p = hi == lo || len.mean() <= lo ? 1e9 : Math.max(1e-3, (hi - lo) / (Math.min(len.mean(), hi) - lo) - 1);
                int digits = Long.toString(Math.max(1, rows)).length();
                if (unique && hi < digits + 1) throw spec.error("unique, but " + hi + " characters cannot hold " + rows + " distinct values");
                return ByteGenerator.ofWriter(true, (row, out) -> {
                    long h = Rng.hash(seed, salt, row);
                    int n = lo + (int) Math.round((hi - lo) * Math.pow(unit(h), p));
                    if (!unique) {
                        Generators.words(Rng.next(h, 0), n, out);
                        return true;
                    }
                    int id = Generators.digits(row);
                    n = Math.max(n, id + 1);
                    Generators.words(Rng.next(h, 0), n - id - 1, out);
                    out.put((byte) '-');
                    out.putLong(row);
                    return true;
                });
            }
            case "timestamp" -> {
                need(spec, c, TIMES);
                long from = epochSeconds(spec.from()), to = epochSeconds(spec.to());
                String trend = spec.trend() == null ? "flat" : spec.trend();
                DoubleFunction<String> f = timeFormat(kind, literals);
                long step = kind == Kind.DATE ? 86_400 : 1;
                if (unique) {
                    long slots = (to - from) / step + 1;
                    if (slots < rows) throw spec.error("unique, but " + spec.from() + " .. " + spec.to() + " holds " + slots
                            + " distinct values, fewer than " + rows + " rows");
                    double gap = (double) (to - from) / Math.max(1, rows);
                    return row -> f.apply(from + Math.floor((row - 1) * gap / step) * step);
                }
                return row -> {
                    double u = unit(Rng.hash(seed, salt, row));
                    // growing: density rises linearly towards `to` (more recent rows), as most tables grow.
                    double x = switch (trend) {
                        case "growing" -> Math.sqrt(u);
                        case "declining" -> 1 - Math.sqrt(1 - u);
                        default -> u;
                    };
                    return f.apply(Math.floor((from + x * (to - from)) / step) * step);
                };
            }
            case "json" -> {
                if (kind != Kind.JSON && kind != Kind.JSONB && !TEXTS.contains(kind)) need(spec, c, EnumSet.of(Kind.JSON, Kind.JSONB));
                int keys = spec.keys() == null ? 4 : spec.keys();
                return row -> json(Rng.hash(seed, salt, row), keys, unique ? row : -1);
            }
            case "distribution" -> {
                return distribution(spec, c, rule, unique, rows, seed, salt, literals);
            }
            default -> {
                if (!Realistic.KINDS.contains(g)) throw spec.error("generator " + g + " cannot fill a column");
                need(spec, c, TEXTS);
                ColumnGenerator r = Realistic.generator(g, cap(type, rule), unique, rows, seed, salt);
                if (r == null) throw spec.error("a " + g + " does not fit " + type);
                return r;
            }
        }
    }

    // ---- the captured shape: most-common values, histogram, distinct count, width ----

    private static ColumnGenerator distribution(ColumnSpec spec, ColumnModel c, ColumnRule rule, boolean unique, long rows,
                                                long seed, long salt, Literals literals) {
        Kind kind = c.type().kind();
        List<String> mcv = spec.values() == null ? List.of() : spec.values();
        List<Double> freq = spec.weights() == null ? List.of() : spec.weights();
        long distinct = spec.distinct() != null ? spec.distinct()
                : spec.distinctRatio() != null ? Math.round(spec.distinctRatio() * rows) : rows;
        distinct = Math.max(1, Math.min(distinct, Math.max(1, rows)));
        if (unique) {
            if (distinct < rows) throw spec.error("unique, but distinct " + distinct + " is fewer than " + rows + " rows");
            mcv = List.of();
            freq = List.of();
        }
        long rest = Math.max(1, distinct - mcv.size());
        ColumnGenerator byIndex;
        List<String> bounds = spec.histogram();
        if (bounds != null && bounds.size() >= 2 && (NUMBERS.contains(kind) || TIMES.contains(kind))) {
            double[] b = new double[bounds.size()];
            for (int i = 0; i < b.length; i++) {
                try {
                    b[i] = TIMES.contains(kind) ? epochSeconds(bounds.get(i)) : Double.parseDouble(bounds.get(i));
                } catch (RuntimeException e) {
                    throw spec.error("histogram bound '" + bounds.get(i) + "' is not a " + c.type() + " value");
                }
            }
            DoubleFunction<String> f = TIMES.contains(kind) ? timeFormat(kind, literals) : numberFormat(c.type());
            long step = kind == Kind.DATE ? 86_400 : 1;
            int buckets = b.length - 1;
            // Histogram buckets hold equal shares of rows; the distinct values spread evenly over them.
            byIndex = index -> {
                int bucket = (int) Math.min(buckets - 1, (index - 1) * buckets / rest);
                long first = (long) Math.ceil((double) bucket * rest / buckets);
                long count = Math.max(1, (long) Math.ceil((double) (bucket + 1) * rest / buckets) - first);
                double pos = ((index - 1 - first) + 0.5) / count;
                double v = b[bucket] + (b[bucket + 1] - b[bucket]) * Math.min(1, Math.max(0, pos));
                return f.apply(TIMES.contains(kind) ? Math.floor(v / step) * step : v);
            };
        } else if (TEXTS.contains(kind)) {
            int cap = cap(c.type(), rule);
            // avg_width counts the 1-byte varlena header of short values.
            int width = Math.max(1, Math.min(cap, spec.avgWidth() == null ? 24 : spec.avgWidth() - 1));
            byIndex = index -> synthetic(index, width, seed, salt);
        } else {
            byIndex = Generators.forColumn(c.type(), rule, false, rest, seed, salt, literals)::value;
        }
        if (unique) return byIndex;
        double[] cumulative = new double[freq.size()];
        double sum = 0;
        for (int i = 0; i < freq.size(); i++) cumulative[i] = sum += freq.get(i);
        // Most-common frequencies count all rows; nulls are drawn first, so rescale to the non-null share.
        double nonNull = 1 - spec.nullFraction();
        for (int i = 0; i < cumulative.length; i++) cumulative[i] = nonNull <= 0 ? 1 : cumulative[i] / nonNull;
        List<String> common = mcv;
        long restCount = rest;
        ColumnGenerator rest0 = byIndex;
        // The other values in turn, scattered: each appears equally often and all of them appear, which
        // random draws with replacement would not (they reach only ~63% of the values at one per row).
        long scatter = coprime(restCount, salt);
        return row -> {
            long h = Rng.hash(seed, salt, row);
            double u = unit(Rng.next(h, 1));
            for (int i = 0; i < cumulative.length; i++) if (u < cumulative[i]) return common.get(i);
            return rest0.value(1 + mulMod((row - 1) % restCount, scatter, restCount));
        };
    }

    /** A made-up value of exactly {@code width} characters, distinct per index: words, then the index in base 36. */
    static String synthetic(long index, int width, long seed, long salt) {
        String id = Long.toString(index, 36);
        if (width <= id.length()) return id.length() > width ? id.substring(id.length() - width) : id;
        return Generators.words(Rng.hash(seed, salt ^ 0x3c6ef372L, index), width - id.length() - 1) + "-" + id;
    }

    /** A value per distinct index, for zipf over a column without a value list. */
    private static ColumnGenerator byIndex(ColumnSpec spec, ColumnModel c, ColumnRule rule, long seed, long salt) {
        Kind kind = c.type().kind();
        if (NUMBERS.contains(kind)) {
            DoubleFunction<String> f = numberFormat(c.type());
            return rank -> f.apply(rank);
        }
        if (TEXTS.contains(kind)) {
            int width = Math.min(cap(c.type(), rule), 12);
            return rank -> synthetic(rank, width, seed, salt);
        }
        throw spec.error("zipf without values needs a number or text column; give values: [...] for " + c.type());
    }

    // ---- helpers ----

    /** Zipf rank in [0, n) with exponent s, by inverting the continuous power law on [1, n+1). */
    public static long zipf(long h, long n, double s) {
        double u = unit(h);
        double x;
        if (s <= 0) return Rng.below(h, n);
        if (Math.abs(s - 1) < 1e-9) {
            x = Math.exp(u * Math.log(n + 1.0));
        } else {
            double a = 1 - s;
            x = Math.pow(u * (Math.pow(n + 1.0, a) - 1) + 1, 1 / a);
        }
        long r = (long) x - 1;
        return Math.max(0, Math.min(n - 1, r));
    }

    /** Share of draws that {@link #zipf} gives ranks below k: what a skew test expects. */
    public static double zipfShare(long k, long n, double s) {
        if (s <= 0) return (double) k / n;
        if (Math.abs(s - 1) < 1e-9) return Math.log(k + 1.0) / Math.log(n + 1.0);
        double a = 1 - s;
        return (Math.pow(k + 1.0, a) - 1) / (Math.pow(n + 1.0, a) - 1);
    }

    /** A multiplier coprime to n, so that {@code r·m mod n} scatters ranks over keys as a bijection. */
    public static long coprime(long n, long salt) {
        if (n <= 2 || n >= (1L << 32)) return 1;
        long m = (Rng.mix(salt) >>> 33) % n | 1;
        while (gcd(m, n) != 1) m += 2;
        return m % n == 0 ? 1 : m;
    }

    /** r·m mod n for r < n; m is 1 or below 2^32 with n, so the product fits 64 unsigned bits. */
    public static long mulMod(long r, long m, long n) {
        return m == 1 ? r % n : Long.remainderUnsigned(r * m, n);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    public static double unit(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }

    private static double[] cumulative(List<Double> weights) {
        double total = weights.stream().mapToDouble(Double::doubleValue).sum();
        double[] c = new double[weights.size()];
        double sum = 0;
        for (int i = 0; i < c.length; i++) c[i] = (sum += weights.get(i)) / total;
        return c;
    }

    private static int pick(double[] cumulative, double u) {
        for (int i = 0; i < cumulative.length; i++) if (u < cumulative[i]) return i;
        return cumulative.length - 1;
    }

    private static int cap(ColumnType type, ColumnRule rule) {
        int cap = type.length() > 0 ? type.length() : 10_000_000;
        return rule.maxLength() >= 0 ? Math.min(cap, rule.maxLength()) : cap;
    }

    private static void need(ColumnSpec spec, ColumnModel c, Set<Kind> kinds) {
        if (!kinds.contains(c.type().kind())) {
            throw spec.error("generator " + spec.generator() + " cannot fill a " + c.type() + " column; it fills "
                    + (kinds == NUMBERS ? "number" : kinds == TIMES ? "date and timestamp" : kinds == TEXTS ? "text" : "json")
                    + " columns");
        }
    }

    static DoubleFunction<String> numberFormat(ColumnType type) {
        if (type.isInteger()) return x -> Long.toString(Math.round(x));
        if (type.kind() == Kind.NUMERIC) {
            int scale = type.precision() >= 0 ? Math.max(0, type.scale()) : 2;
            return x -> BigDecimal.valueOf(x).setScale(scale, RoundingMode.HALF_UP).toPlainString();
        }
        return x -> BigDecimal.valueOf(x).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static DoubleFunction<String> timeFormat(Kind kind, Literals literals) {
        return switch (kind) {
            case DATE -> x -> LocalDate.ofEpochDay(Math.floorDiv((long) x, 86_400)).toString();
            case TIMESTAMPTZ -> x -> literals.timestampUtc(LocalDateTime.ofEpochSecond((long) x, 0, ZoneOffset.UTC).toString()
                    .replace('T', ' ') + (((long) x) % 60 == 0 ? ":00" : ""));
            default -> x -> LocalDateTime.ofEpochSecond((long) x, 0, ZoneOffset.UTC).toString().replace('T', ' ')
                    + (((long) x) % 60 == 0 ? ":00" : "");
        };
    }

    /** Seconds since 1970 (UTC) of a date or timestamp literal; a zone or fraction is ignored. */
    public static long epochSeconds(String v) {
        String s = v.strip();
        if (s.length() <= 10) return LocalDate.parse(s).toEpochDay() * 86_400;
        return LocalDateTime.parse(s.substring(0, 19).replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
    }

    private static final String[] JSON_KEYS = {"plan", "source", "score", "active", "tags", "region", "version", "notes"};

    private static String json(long h, int keys, long id) {
        StringBuilder b = new StringBuilder("{");
        if (id >= 0) b.append("\"id\": ").append(id);
        for (int k = 0; k < keys; k++) {
            if (b.length() > 1) b.append(", ");
            long x = Rng.next(h, k);
            String key = JSON_KEYS[k % JSON_KEYS.length] + (k >= JSON_KEYS.length ? "_" + k : "");
            b.append('"').append(key).append("\": ");
            switch (k % 4) {
                case 0 -> b.append('"').append(Generators.words(x, 4 + (int) Rng.below(x, 12))).append('"');
                case 1 -> b.append(Rng.below(x, 1000));
                case 2 -> b.append((x & 1) == 0);
                default -> b.append("[\"").append(Generators.words(x, 5)).append("\", \"")
                        .append(Generators.words(Rng.next(x, 1), 6)).append("\"]");
            }
        }
        return b.append('}').toString();
    }

    private static String fmt(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }
}
