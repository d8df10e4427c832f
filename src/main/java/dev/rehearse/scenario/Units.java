package dev.rehearse.scenario;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations and sizes as users write them. Like {@link RowCount}, failures are
 * {@link IllegalArgumentException}s whose message the caller puts after {@code file:line:} or a flag name.
 */
public final class Units {
    private Units() {}

    private static final Pattern AMOUNT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-z]*)");

    private static final Map<String, Long> TIME = Map.of(
            "", 1L, "ms", 1L, "s", 1_000L, "sec", 1_000L, "m", 60_000L, "min", 60_000L, "h", 3_600_000L);

    /** SI prefixes are powers of 1000 and IEC ones powers of 1024, as their names say. */
    private static final Map<String, Long> SIZE = Map.ofEntries(
            Map.entry("", 1L), Map.entry("b", 1L),
            Map.entry("kb", 1_000L), Map.entry("mb", 1_000_000L), Map.entry("gb", 1_000_000_000L),
            Map.entry("tb", 1_000_000_000_000L),
            Map.entry("kib", 1L << 10), Map.entry("mib", 1L << 20), Map.entry("gib", 1L << 30),
            Map.entry("tib", 1L << 40));

    /** {@code 500ms}, {@code 5s}, {@code 2min}, {@code 1h}; a bare number is milliseconds. */
    public static long durationMs(String text) {
        return amount(text, TIME, "duration", "500ms, 5s, 2min or a number of milliseconds");
    }

    /** {@code 512MB}, {@code 1GiB}; a bare number is bytes. */
    public static long bytes(String text) {
        return amount(text, SIZE, "size", "512MB, 1GiB or a number of bytes");
    }

    /** {@code 20MB/s}, {@code 512KiB/s}: a size per second; a bare size is per second too. */
    public static long bytesPerSecond(String text) {
        String t = text.trim();
        String size = t.toLowerCase(Locale.ROOT).endsWith("/s") ? t.substring(0, t.length() - 2) : t;
        long v;
        try {
            v = bytes(size);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid rate '" + text + "'; expected 20MB/s, 512KiB/s or a number of bytes per second");
        }
        if (v <= 0) throw new IllegalArgumentException("rate must be positive, got " + text.trim());
        return v;
    }

    private static long amount(String text, Map<String, Long> units, String what, String examples) {
        Matcher m = AMOUNT.matcher(text.trim().replace("_", "").toLowerCase(Locale.ROOT));
        Long unit = m.matches() ? units.get(m.group(2)) : null;
        if (unit == null) throw new IllegalArgumentException("invalid " + what + " '" + text + "'; expected " + examples);
        try {
            return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit))
                    .setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is too large");
        }
    }
}
