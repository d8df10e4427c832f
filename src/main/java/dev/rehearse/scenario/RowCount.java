package dev.rehearse.scenario;

import java.math.BigDecimal;
import java.util.Locale;

/** Parses row counts as users write them: {@code 1000}, {@code 1e6}, {@code 1M}, {@code 2.5k}, {@code 1_000_000}. */
public final class RowCount {
    private RowCount() {}

    public static long parse(String text) {
        String t = text.trim().replace("_", "").replace(",", "");
        if (t.isEmpty()) throw new IllegalArgumentException("empty row count");
        long multiplier = 1;
        char last = Character.toUpperCase(t.charAt(t.length() - 1));
        switch (last) {
            case 'K' -> multiplier = 1_000L;
            case 'M' -> multiplier = 1_000_000L;
            case 'B', 'G' -> multiplier = 1_000_000_000L;
            default -> { }
        }
        if (multiplier != 1) t = t.substring(0, t.length() - 1);
        try {
            BigDecimal value = new BigDecimal(t.toLowerCase(Locale.ROOT)).multiply(BigDecimal.valueOf(multiplier));
            if (value.signum() < 0) throw new IllegalArgumentException("negative row count '" + text + "'");
            return value.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("invalid row count '" + text + "'; expected a number such as 1000, 1e6 or 1M");
        }
    }
}
