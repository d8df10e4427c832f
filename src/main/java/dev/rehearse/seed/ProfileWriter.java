package dev.rehearse.seed;

import dev.rehearse.seed.Profile.ColumnSpec;
import dev.rehearse.seed.Profile.TableSpec;

import java.util.List;
import java.util.Locale;

/** Writes a profile as YAML that {@link ProfileLoader} reads back: one line per column, strings single-quoted. */
public final class ProfileWriter {

    private ProfileWriter() {}

    public static String write(Profile p, List<String> headerComments) {
        StringBuilder b = new StringBuilder();
        for (String h : headerComments) b.append("# ").append(h).append('\n');
        b.append("scale: ").append(num(p.scale())).append('\n');
        b.append("tables:\n");
        for (TableSpec t : p.tables().values()) {
            b.append("  ").append(q(t.name())).append(":\n");
            if (t.rows() != null) b.append("    rows: ").append(t.rows()).append('\n');
            if (t.columns().isEmpty()) continue;
            b.append("    columns:\n");
            for (ColumnSpec c : t.columns().values()) b.append("      ").append(q(c.column())).append(": ").append(column(c)).append('\n');
        }
        return b.toString();
    }

    private static String column(ColumnSpec c) {
        StringBuilder b = new StringBuilder("{ generator: ").append(c.generator());
        if (c.nullFraction() > 0) b.append(", null_fraction: ").append(num(c.nullFraction()));
        if (c.unique()) b.append(", unique: true");
        if (c.references() != null) b.append(", references: ").append(q(c.references()));
        if (c.exponent() != null) b.append(c.generator().equals("foreign_key") ? ", skew: " : ", s: ").append(num(c.exponent()));
        if (c.distinct() != null) b.append(", distinct: ").append(c.distinct());
        if (c.distinctRatio() != null) b.append(", distinct_ratio: ").append(num(c.distinctRatio()));
        if (c.avgWidth() != null) b.append(", avg_width: ").append(c.avgWidth());
        if (c.min() != null) b.append(", min: ").append(num(c.min()));
        if (c.max() != null) b.append(", max: ").append(num(c.max()));
        if (c.values() != null && c.generator().equals("distribution")) {
            b.append(", most_common: { values: ").append(list(c.values())).append(", frequencies: [");
            for (int i = 0; i < c.weights().size(); i++) b.append(i == 0 ? "" : ", ").append(num(c.weights().get(i)));
            b.append("] }");
        }
        if (c.weights() != null && c.generator().equals("foreign_key")) {
            b.append(", most_common: { frequencies: [");
            for (int i = 0; i < c.weights().size(); i++) b.append(i == 0 ? "" : ", ").append(num(c.weights().get(i)));
            b.append("] }");
        }
        if (c.histogram() != null) b.append(", histogram: ").append(list(c.histogram()));
        return b.append(" }").toString();
    }

    private static String list(List<String> values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) b.append(i == 0 ? "" : ", ").append(q(values.get(i)));
        return b.append(']').toString();
    }

    /** Single-quoted YAML: only the quote itself needs escaping; line breaks become spaces (statistics, not data). */
    static String q(String s) {
        return "'" + s.replace("'", "''").replace('\n', ' ').replace('\r', ' ') + "'";
    }

    private static String num(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) return Long.toString((long) x);
        return String.format(Locale.ROOT, "%.6g", x).replaceAll("(\\.\\d*?)0+($|e)", "$1$2").replaceAll("\\.($|e)", "$1");
    }
}
