package dev.rehearse.seed;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.LongUnaryOperator;

/**
 * The default generator for each column type: plausible values of the right shape, narrowed by what
 * the CHECK constraints demand, and injective in the row number when the column must be unique.
 */
public final class Generators {

    /** Why no generator can serve a column; the planner adds the table, column and constraint. */
    public static final class Impossible extends RuntimeException {
        Impossible(String message) {
            super(message);
        }
    }

    private static final String[] WORDS = (
            "alpha amber apple arrow autumn basil beacon birch bloom breeze cedar chalk cherry cloud coast copper "
            + "coral cotton crane crystal daisy delta dune eagle ember falcon fern field flint forest frost garnet "
            + "glade granite harbor hazel heron island ivory jade juniper lake lantern larch lemon linen maple "
            + "marble meadow mist moss nectar oak ocean olive opal orchid pearl pebble pine plum quartz raven "
            + "reed ridge river robin saffron sage shore silver slate spruce stone summit thistle tide timber "
            + "valley velvet willow winter").split(" ");

    private static final byte[][] WORD_BYTES = java.util.Arrays.stream(WORDS)
            .map(w -> w.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).toArray(byte[][]::new);

    // Dates and times fall in a fixed window of recent years: fixed so the same seed gives the same data.
    private static final long FROM_DAY = LocalDate.of(2021, 1, 1).toEpochDay();
    private static final long TO_DAY = LocalDate.of(2025, 12, 31).toEpochDay();
    private static final long MIN_DAY = LocalDate.of(1, 1, 1).toEpochDay();
    private static final long MAX_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

    private Generators() {}

    /**
     * @param rows how many rows will be drawn, so that a unique column can be checked for room up front
     * @param salt distinguishes this column's draws from every other column's
     * @throws Impossible when the type and rule leave too few values
     */
    public static ColumnGenerator forColumn(ColumnType type, ColumnRule rule, boolean unique, long rows, long seed,
                                            long salt, Literals literals) {
        return switch (type.kind()) {
            case SMALLINT -> ranged(type, rule, unique, rows, seed, salt, integers(Short.MIN_VALUE, Short.MAX_VALUE, 1_000));
            case INTEGER -> ranged(type, rule, unique, rows, seed, salt, integers(Integer.MIN_VALUE, Integer.MAX_VALUE, 1_000_000));
            case BIGINT -> ranged(type, rule, unique, rows, seed, salt, integers(Long.MIN_VALUE, Long.MAX_VALUE, 1_000_000));
            case NUMERIC, REAL, DOUBLE -> ranged(type, rule, unique, rows, seed, salt, decimals(type));
            case DATE -> ranged(type, rule, unique, rows, seed, salt, new Domain(MIN_DAY, MAX_DAY, FROM_DAY, TO_DAY, 1,
                    v -> BigDecimal.valueOf(LocalDate.parse(v.substring(0, Math.min(10, v.length()))).toEpochDay()),
                    d -> LocalDate.ofEpochDay(d).toString()));
            case TIMESTAMP, TIMESTAMPTZ -> timestamps(type, rule, unique, rows, seed, salt, literals);
            case TIME -> ranged(type, rule, unique, rows, seed, salt, new Domain(0, 86_399, 0, 86_399, 1,
                    v -> BigDecimal.valueOf(LocalTime.parse(v).toSecondOfDay()),
                    s -> LocalTime.ofSecondOfDay(s).toString() + (s % 60 == 0 ? ":00" : "")));
            case INTERVAL -> ranged(type, rule, unique, rows, seed, salt, new Domain(0, Long.MAX_VALUE / 2, 60, 30L * 86_400, 1,
                    v -> { throw new NumberFormatException(v); }, literals::interval));
            case INET -> ranged(type, rule, unique, rows, seed, salt, new Domain(0x0A000001L, 0xDFFFFFFEL, 0x0A000001L, 0x0AFFFFFEL, 1,
                    v -> { throw new NumberFormatException(v); },
                    ip -> (ip >>> 24) + "." + ((ip >>> 16) & 255) + "." + ((ip >>> 8) & 255) + "." + (ip & 255)));
            case TEXT, VARCHAR, CHAR -> text(type, rule, unique, rows, seed, salt);
            case BOOLEAN -> choice(type, rule, List.of("true", "false"), unique, rows, seed, salt);
            case ENUM -> choice(type, rule, type.labels(), unique, rows, seed, salt);
            case UUID -> uuid(rule, seed, salt);
            case JSON, JSONB -> allowedOr(type, rule, unique, rows, seed, salt, row -> {
                long h = Rng.hash(seed, salt, row);
                return "{\"id\": " + row + ", \"name\": \"" + words(Rng.next(h, 0), 4 + (int) Rng.below(h, 12))
                        + "\", \"score\": " + Rng.below(Rng.next(h, 1), 1000) + ", \"active\": " + ((h & 1) == 0) + "}";
            });
            case BYTEA -> allowedOr(type, rule, unique, rows, seed, salt, row -> {
                long h = Rng.hash(seed, salt, row);
                StringBuilder b = new StringBuilder(String.format("%016x", row));
                for (int i = 0, n = (int) Rng.below(h, 4); i < n; i++) b.append(String.format("%016x", Rng.next(h, i)));
                return literals.bytes(b.toString());
            });
            case ARRAY -> array(type, unique, rows, seed, salt, literals);
            case UNSUPPORTED -> row -> null;
        };
    }

    // ---- ordered domains: everything that maps onto a range of longs ----

    /**
     * Values as longs in [min, max]; draws fall in [plausibleLo, plausibleHi] unless CHECKs push them
     * out; {@code uniqueStep} spaces unique values when there is room (whole numbers for decimals).
     */
    private record Domain(long min, long max, long plausibleLo, long plausibleHi, long uniqueStep,
                          Function<String, BigDecimal> parse, LongFunction<String> format) {}

    /** Whole numbers' format: a domain with it has a byte path. */
    private static final LongFunction<String> DECIMAL = Long::toString;

    private static Domain integers(long min, long max, long plausibleHi) {
        return new Domain(min, max, 1, plausibleHi, 1, BigDecimal::new, DECIMAL);
    }

    /** numeric(p,s), real and double precision as counts of 10^-scale; unconstrained ones get two decimals. */
    private static Domain decimals(ColumnType type) {
        int scale = type.kind() == ColumnType.Kind.NUMERIC && type.precision() >= 0 ? Math.max(0, type.scale()) : 2;
        long unit = BigDecimal.TEN.pow(scale).longValueExact();
        long limit = 1_000_000_000_000_000L;
        if (type.kind() == ColumnType.Kind.NUMERIC && type.precision() >= 0 && type.precision() <= 18) {
            limit = Math.min(limit, BigDecimal.TEN.pow(type.precision()).longValueExact() - 1);
        }
        long max = limit;
        return new Domain(-max, max, 0, Math.min(max, 1000 * unit - 1), unit,
                v -> new BigDecimal(v).movePointRight(scale), u -> BigDecimal.valueOf(u, scale).toPlainString());
    }

    private static ColumnGenerator timestamps(ColumnType type, ColumnRule rule, boolean unique, long rows, long seed, long salt,
                                              Literals literals) {
        boolean zoned = type.kind() == ColumnType.Kind.TIMESTAMPTZ;
        return ranged(type, rule, unique, rows, seed, salt, new Domain(MIN_DAY * 86_400, MAX_DAY * 86_400 + 86_399,
                FROM_DAY * 86_400, TO_DAY * 86_400 + 86_399, 1,
                v -> {
                    String s = v.length() >= 19 ? v.substring(0, 19).replace(' ', 'T') : v.substring(0, 10) + "T00:00:00";
                    return BigDecimal.valueOf(LocalDateTime.parse(s).toEpochSecond(ZoneOffset.UTC));
                },
                s -> {
                    String local = LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC).toString().replace('T', ' ')
                            + (s % 60 == 0 ? ":00" : "");
                    return zoned ? literals.timestampUtc(local) : local;
                }));
    }

    private static ColumnGenerator ranged(ColumnType type, ColumnRule rule, boolean unique, long rows, long seed,
                                          long salt, Domain d) {
        long lo = d.min();
        long hi = d.max();
        for (ColumnRule.Bound b : rule.lower()) {
            BigDecimal v = parse(d, b.value());
            if (v != null) lo = Math.max(lo, clamp(b.inclusive() ? v.setScale(0, RoundingMode.CEILING)
                    : v.setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE)));
        }
        for (ColumnRule.Bound b : rule.upper()) {
            BigDecimal v = parse(d, b.value());
            if (v != null) hi = Math.min(hi, clamp(b.inclusive() ? v.setScale(0, RoundingMode.FLOOR)
                    : v.setScale(0, RoundingMode.CEILING).subtract(BigDecimal.ONE)));
        }
        Set<Long> excluded = new HashSet<>();
        for (String e : rule.excluded()) {
            BigDecimal v = parse(d, e);
            if (v != null && v.stripTrailingZeros().scale() <= 0) excluded.add(clamp(v));
        }
        if (rule.allowed() != null) {
            List<String> values = new ArrayList<>();
            for (String a : rule.allowed()) {
                BigDecimal v = parse(d, a);
                long x = v == null ? lo : clamp(v);
                if (x >= lo && x <= hi && !excluded.contains(x)) values.add(a);
            }
            return pick(type, values, unique, rows, seed, salt);
        }
        if (lo > hi) throw new Impossible("no " + type + " value satisfies the bounds");
        if (unique) {
            // From the plausible start, or as near it as the bounds allow.
            long start = lo >= d.plausibleLo() ? lo : hi >= d.plausibleLo() ? d.plausibleLo() : Math.max(lo, hi - (rows - 1));
            long room = hi - start; // no overflow: start >= 0, or start is within rows of hi
            if (room < rows - 1) {
                throw new Impossible("has room for " + (room + 1) + " distinct " + type + " values, fewer than " + rows + " rows");
            }
            long step = room / d.uniqueStep() >= rows ? d.uniqueStep() : 1;
            if (d.format() == DECIMAL) return ByteGenerator.ofLong(row -> start + (row - 1) * step);
            return row -> d.format().apply(start + (row - 1) * step);
        }
        long a = Math.max(lo, d.plausibleLo());
        long b = Math.min(hi, d.plausibleHi());
        long width = d.plausibleHi() - d.plausibleLo();
        if (a > b) { // the CHECK lies outside the plausible window: draw from its nearest end
            if (lo > d.plausibleHi()) {
                a = lo;
                b = hi - lo > width ? lo + width : hi;
            } else {
                b = hi;
                a = hi - lo > width ? hi - width : lo;
            }
        }
        long from = a;
        long to = b;
        long span = to - from + 1;
        LongUnaryOperator draw = row -> {
            long v = from + Rng.below(Rng.hash(seed, salt, row), span);
            for (long tries = 0; !excluded.isEmpty() && excluded.contains(v) && tries < span; tries++) v = v == to ? from : v + 1;
            return v;
        };
        if (d.format() == DECIMAL) return ByteGenerator.ofLong(draw);
        return row -> d.format().apply(draw.applyAsLong(row));
    }

    private static BigDecimal parse(Domain d, String value) {
        try {
            return d.parse().apply(value);
        } catch (RuntimeException e) { // not a constant of this domain: leave it to the server
            return null;
        }
    }

    private static long clamp(BigDecimal v) {
        if (v.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0) return Long.MAX_VALUE;
        if (v.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) <= 0) return Long.MIN_VALUE;
        return v.longValue();
    }

    // ---- text ----

    private static ColumnGenerator text(ColumnType type, ColumnRule rule, boolean unique, long rows, long seed, long salt) {
        int cap = type.length() > 0 ? type.length() : Integer.MAX_VALUE;
        if (rule.maxLength() >= 0) cap = Math.min(cap, rule.maxLength());
        if (rule.allowed() != null) {
            int c = cap;
            List<String> values = rule.allowed().stream()
                    .filter(v -> v.length() <= c && v.length() >= rule.minLength() && !rule.excluded().contains(v)).toList();
            return pick(type, values, unique, rows, seed, salt);
        }
        if (cap < Math.max(1, rule.minLength())) throw new Impossible("no " + type + " value fits the length bounds");
        int lo = Math.min(Math.max(8, rule.minLength()), cap);
        int hi = Math.max(lo, Math.min(40, cap));
        int span = hi - lo + 1;
        int maxLen = cap;
        int digits = Long.toString(Math.max(rows, 1)).length();
        if (unique && digits > cap) {
            throw new Impossible("cannot hold " + rows + " distinct values in " + cap + " characters");
        }
        Set<String> excluded = rule.excluded();
        if (!unique && excluded.isEmpty()) {
            return ByteGenerator.ofWriter(true, (row, out) -> {
                long h = Rng.hash(seed, salt, row);
                words(Rng.next(h, 0), lo + (int) Rng.below(h, span), out);
                return true;
            });
        }
        return row -> {
            long h = Rng.hash(seed, salt, row);
            int len = lo + (int) Rng.below(h, span);
            String v;
            if (!unique) {
                v = words(Rng.next(h, 0), len);
            } else {
                // The row number makes the value unique; words in front keep it looking like text.
                String n = Long.toString(row);
                v = len >= n.length() + 2 ? words(Rng.next(h, 0), len - n.length() - 1) + "-" + n
                        : "0".repeat(Math.max(0, Math.min(rule.minLength(), maxLen) - n.length())) + n;
            }
            return excluded.contains(v) ? v.substring(0, v.length() - 1) + "q" : v;
        };
    }

    /** Words up to exactly {@code len} characters, never ending in a space. */
    static String words(long h, int len) {
        Bytes b = new Bytes(len + 16);
        words(h, len, b);
        return new String(b.array(), 0, b.length(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** {@link #words(long, int)} appended to {@code out} as ASCII. */
    static void words(long h, int len, Bytes out) {
        int start = out.length();
        for (int k = 0; out.length() - start < len; k++) {
            if (out.length() > start) out.put((byte) ' ');
            out.put(WORD_BYTES[(int) Rng.below(Rng.next(h, k), WORD_BYTES.length)]);
        }
        out.truncate(start + len);
        if (len > 0 && out.array()[start + len - 1] == ' ') {
            out.truncate(start + len - 1);
            out.put((byte) 's');
        }
    }

    /** Decimal digits of a positive number: {@code Long.toString(v).length()} without the String. */
    static int digits(long v) {
        int n = 1;
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }

    // ---- lists of values ----

    private static ColumnGenerator choice(ColumnType type, ColumnRule rule, List<String> values, boolean unique,
                                          long rows, long seed, long salt) {
        // CHECKs may spell booleans 't', 'yes', 'on'...: compare in the generator's spelling.
        Function<String, String> spelling = type.kind() == ColumnType.Kind.BOOLEAN ? Generators::bool : v -> v;
        List<String> allowed = values.stream()
                .filter(v -> rule.allowed() == null || rule.allowed().stream().map(spelling).anyMatch(v::equals))
                .filter(v -> rule.excluded().stream().map(spelling).noneMatch(v::equals)).toList();
        return pick(type, allowed, unique, rows, seed, salt);
    }

    private static String bool(String literal) {
        String l = literal.strip().toLowerCase(java.util.Locale.ROOT);
        return l.startsWith("t") || l.startsWith("y") || l.equals("on") || l.equals("1") ? "true" : "false";
    }

    private static ColumnGenerator pick(ColumnType type, List<String> values, boolean unique, long rows, long seed, long salt) {
        if (values.isEmpty()) throw new Impossible("no " + type + " value is allowed");
        if (unique && values.size() < rows) {
            throw new Impossible("allows only " + values.size() + " distinct values, fewer than " + rows + " rows");
        }
        int n = values.size();
        return unique ? ByteGenerator.ofList(values, row -> (int) (row - 1))
                : ByteGenerator.ofList(values, row -> (int) Rng.below(Rng.hash(seed, salt, row), n));
    }

    /** Types without an order: only an IN list narrows them; the generator itself is unique by construction. */
    private static ColumnGenerator allowedOr(ColumnType type, ColumnRule rule, boolean unique, long rows, long seed,
                                             long salt, ColumnGenerator generator) {
        return rule.allowed() != null ? pick(type, rule.allowed(), unique, rows, seed, salt) : generator;
    }

    private static ColumnGenerator uuid(ColumnRule rule, long seed, long salt) {
        if (rule.allowed() != null) {
            return pick(ColumnType.of(ColumnType.Kind.UUID, "uuid"), rule.allowed(), false, 0, seed, salt);
        }
        // Random-looking, version 4, and unique: the low 62 bits are a bijection of the row number.
        return row -> {
            long hi = (Rng.hash(seed, salt, row) & ~0xF000L) | 0x4000L;
            long lo = 0x8000000000000000L | permute62(row + salt);
            String h = String.format("%016x%016x", hi, lo);
            return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                    + "-" + h.substring(20);
        };
    }

    /** A bijection on 62-bit numbers (odd multiplications and xor-shifts are each invertible). */
    static long permute62(long x) {
        long mask = (1L << 62) - 1;
        x &= mask;
        x = (x * 0x5851f42d4c957f2dL) & mask;
        x ^= x >>> 29;
        x = (x * 0x14057b7ef767814fL) & mask;
        x ^= x >>> 31;
        return x;
    }

    private static ColumnGenerator array(ColumnType type, boolean unique, long rows, long seed, long salt,
                                         Literals literals) {
        ColumnType element = type.element();
        if (unique) { // one element per row, unique itself
            ColumnGenerator e = forColumn(element, ColumnRule.NONE, true, rows, seed, salt + 1, literals);
            return row -> literals.array(java.util.Collections.singletonList(e.value(row)));
        }
        ColumnGenerator e = forColumn(element, ColumnRule.NONE, false, rows, seed, salt + 1, literals);
        return row -> {
            int n = 1 + (int) Rng.below(Rng.hash(seed, salt, row), 3);
            List<String> elements = new java.util.ArrayList<>(n);
            for (int k = 0; k < n; k++) elements.add(e.value(row * 3 + k));
            return literals.array(elements);
        };
    }
}
