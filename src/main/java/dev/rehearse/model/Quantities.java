package dev.rehearse.model;

import java.util.Locale;

/** Number, duration and byte wording shared by the analysis messages and every renderer, so they say it the same way. */
public final class Quantities {

    private Quantities() {}

    public static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String decimal(double d) {
        return String.format(Locale.ROOT, "%,.1f", d);
    }

    /** 840 ms, 12.3 s, 1 min 16 s, 1 h 16 min: exact where a reader compares, rounded where they plan. */
    public static String duration(long ms) {
        if (ms < 1000) return ms + " ms";
        long tenths = Math.round(ms / 100.0);
        if (tenths < 600) return decimal(tenths / 10.0) + " s";
        long s = Math.round(ms / 1000.0);
        if (s < 3600) return units(s / 60, "min", s % 60, "s");
        long min = Math.round(ms / 60_000.0);
        return units(min / 60, "h", min % 60, "min");
    }

    /** Bytes in decimal units (powers of 1000): 512 kB, 4.1 GB. */
    public static String bytes(long b) {
        if (b < 1_000) return b + " B";
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = b;
        int u = -1;
        while (v >= 1_000 && u < units.length - 1) {
            v /= 1_000;
            u++;
        }
        return decimal(Math.round(v * 10) / 10.0) + " " + units[u];
    }

    private static String units(long big, String bigUnit, long small, String smallUnit) {
        return big + " " + bigUnit + (small == 0 ? "" : " " + small + " " + smallUnit);
    }
}
