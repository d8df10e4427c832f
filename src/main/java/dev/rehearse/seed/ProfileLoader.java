package dev.rehearse.seed;

import dev.rehearse.InvalidInputException;
import dev.rehearse.scenario.RowCount;
import dev.rehearse.scenario.YamlNode;
import dev.rehearse.scenario.YamlNode.Entry;
import dev.rehearse.scenario.YamlNode.Mapping;
import dev.rehearse.scenario.YamlNode.Scalar;
import dev.rehearse.scenario.YamlNode.Sequence;
import dev.rehearse.seed.Profile.ColumnSpec;
import dev.rehearse.seed.Profile.Length;
import dev.rehearse.seed.Profile.TableSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a data profile. Checks everything that can be checked without the schema (keys, numbers,
 * ranges, weights); the planner checks the rest against the schema with the same file:line.
 */
public final class ProfileLoader {

    private static final List<String> COMMON = List.of("generator", "null_fraction", "unique");

    /** Generators and the keys each takes besides {@link #COMMON}. */
    static final Map<String, List<String>> GENERATORS = new LinkedHashMap<>();

    static {
        GENERATORS.put("sequence", List.of("start", "step"));
        GENERATORS.put("uniform", List.of("min", "max"));
        GENERATORS.put("normal", List.of("mean", "stddev", "min", "max"));
        GENERATORS.put("zipf", List.of("distinct", "s", "values"));
        GENERATORS.put("weighted", List.of("values"));
        GENERATORS.put("foreign_key", List.of("references", "skew", "most_common"));
        GENERATORS.put("text", List.of("length"));
        GENERATORS.put("timestamp", List.of("from", "to", "trend"));
        GENERATORS.put("json", List.of("keys"));
        GENERATORS.put("distribution", List.of("distinct", "distinct_ratio", "avg_width", "most_common", "histogram"));
        GENERATORS.put("default", List.of());
        for (String kind : Realistic.KINDS) GENERATORS.put(kind, List.of());
    }

    private final Path file;

    private ProfileLoader(Path file) {
        this.file = file;
    }

    public static Profile load(Path file) {
        YamlNode root = YamlNode.read(file);
        if (root == null) return new Profile(file, 1.0, Map.of());
        return new ProfileLoader(file).profile(root);
    }

    private Profile profile(YamlNode root) {
        Mapping top = mapping(root, "the top level", List.of("scale", "tables", "description"));
        double scale = number(top, "scale", 1.0, 0, false, Double.MAX_VALUE);
        Map<String, TableSpec> tables = new LinkedHashMap<>();
        Entry t = top.entries().get("tables");
        if (t != null && !(t.value() instanceof Scalar s && s.text() == null)) {
            Mapping m = mapping(t.value(), "tables", null);
            for (Entry e : m.entries().values()) tables.put(e.key(), table(e));
        }
        return new Profile(file, scale, tables);
    }

    private TableSpec table(Entry e) {
        String where = "tables." + e.key();
        Mapping m = mapping(e.value(), where, List.of("rows", "columns"));
        Long rows = null;
        Entry r = m.entries().get("rows");
        if (r != null) {
            String text = scalar(r, where + ".rows");
            try {
                rows = RowCount.parse(text);
            } catch (IllegalArgumentException x) {
                throw InvalidInputException.at(file, r.keyLine(), where + ".rows: " + x.getMessage());
            }
        }
        Map<String, ColumnSpec> columns = new LinkedHashMap<>();
        Entry c = m.entries().get("columns");
        if (c != null) {
            Mapping cm = mapping(c.value(), where + ".columns", null);
            for (Entry col : cm.entries().values()) columns.put(col.key(), column(col, where + ".columns." + col.key()));
        }
        return new TableSpec(e.key(), e.keyLine(), rows, columns);
    }

    private ColumnSpec column(Entry e, String where) {
        // A bare name is the generator: `email: email`.
        Mapping m;
        if (e.value() instanceof Scalar s && s.text() != null) {
            m = new Mapping(Map.of("generator", new Entry("generator", e.keyLine(), s)), e.keyLine());
        } else {
            m = mapping(e.value(), where, null);
        }
        Entry g = m.entries().get("generator");
        if (g == null) throw InvalidInputException.at(file, e.keyLine(), "missing key 'generator' in " + where
                + "; generators: " + String.join(", ", GENERATORS.keySet()));
        String generator = scalar(g, where + ".generator");
        List<String> own = GENERATORS.get(generator);
        if (own == null) throw InvalidInputException.at(file, g.keyLine(), where + ".generator: unknown generator '"
                + generator + "'; generators: " + String.join(", ", GENERATORS.keySet()));
        List<String> allowed = new ArrayList<>(COMMON);
        allowed.addAll(own);
        for (Entry k : m.entries().values()) {
            if (!allowed.contains(k.key())) {
                throw InvalidInputException.at(file, k.keyLine(), "unknown key '" + k.key() + "' in " + where
                        + " (generator " + generator + "); allowed: " + String.join(", ", allowed));
            }
        }
        double nullFraction = number(m, "null_fraction", 0.0, 0, true, 1);
        boolean unique = bool(m, "unique");
        Double min = optional(m, "min"), max = optional(m, "max");
        if (min != null && max != null && min > max) {
            throw InvalidInputException.at(file, m.entries().get("max").keyLine(), where + ": max " + fmt(max)
                    + " is below min " + fmt(min));
        }
        Double mean = optional(m, "mean");
        Double stddev = m.entries().containsKey("stddev") ? (Double) number(m, "stddev", 0.0, 0, true, Double.MAX_VALUE) : null;
        if (generator.equals("normal") && (mean == null || stddev == null)) {
            throw InvalidInputException.at(file, e.keyLine(), where + ": generator normal needs mean and stddev");
        }
        if (generator.equals("uniform") && (min == null || max == null)) {
            throw InvalidInputException.at(file, e.keyLine(), where + ": generator uniform needs min and max");
        }
        Double exponent = m.entries().containsKey("s") ? (Double) number(m, "s", 1.0, 0, true, 100)
                : m.entries().containsKey("skew") ? (Double) number(m, "skew", 0.0, 0, true, 100) : null;
        Long start = optionalLong(m, "start"), step = optionalLong(m, "step");
        if (step != null && step == 0) throw InvalidInputException.at(file, m.entries().get("step").keyLine(), where + ".step: must not be 0");
        Long distinct = optionalLong(m, "distinct");
        if (distinct != null && distinct < 1) {
            throw InvalidInputException.at(file, m.entries().get("distinct").keyLine(), where + ".distinct: must be at least 1");
        }
        Double ratio = m.entries().containsKey("distinct_ratio") ? (Double) number(m, "distinct_ratio", 1.0, 0, false, 1) : null;
        Long width = optionalLong(m, "avg_width");
        String from = optionalString(m, "from"), to = optionalString(m, "to");
        if (generator.equals("timestamp")) {
            if (from == null || to == null) throw InvalidInputException.at(file, e.keyLine(), where + ": generator timestamp needs from and to");
            checkTimestamp(m, "from", from, where);
            checkTimestamp(m, "to", to, where);
            if (ProfileGenerators.epochSeconds(from) > ProfileGenerators.epochSeconds(to)) {
                throw InvalidInputException.at(file, m.entries().get("to").keyLine(), where + ": to " + to + " is before from " + from);
            }
        }
        String trend = optionalString(m, "trend");
        if (trend != null && !List.of("flat", "growing", "declining").contains(trend)) {
            throw InvalidInputException.at(file, m.entries().get("trend").keyLine(), where + ".trend: invalid value '" + trend
                    + "'; allowed: flat, growing, declining");
        }
        String references = optionalString(m, "references");
        List<String> values = null;
        List<Double> weights = null;
        Entry v = m.entries().get("values");
        if (v != null && generator.equals("weighted")) {
            Mapping vm = mapping(v.value(), where + ".values", null);
            if (vm.entries().isEmpty()) throw InvalidInputException.at(file, v.keyLine(), where + ".values: expected at least one value");
            values = new ArrayList<>();
            weights = new ArrayList<>();
            for (Entry w : vm.entries().values()) {
                values.add(w.key());
                weights.add(number(vm, w.key(), 0.0, 0, false, Double.MAX_VALUE));
            }
        } else if (v != null) {
            values = strings(v, where + ".values");
        }
        if (generator.equals("weighted") && values == null) {
            throw InvalidInputException.at(file, e.keyLine(), where + ": generator weighted needs values: {value: weight, ...}");
        }
        Entry mc = m.entries().get("most_common");
        if (mc != null) {
            Mapping mm = mapping(mc.value(), where + ".most_common", List.of("values", "frequencies"));
            Entry mv = mm.entries().get("values"), mf = mm.entries().get("frequencies");
            // A foreign key's most common values are its busiest parents, by rank: frequencies alone.
            boolean fk = generator.equals("foreign_key");
            if ((mv == null && !fk) || mf == null) throw InvalidInputException.at(file, mc.keyLine(), where
                    + (fk ? ".most_common: needs frequencies" : ".most_common: needs values and frequencies"));
            values = mv == null ? null : strings(mv, where + ".most_common.values");
            weights = new ArrayList<>();
            double sum = 0;
            for (String f : strings(mf, where + ".most_common.frequencies")) {
                double x;
                try {
                    x = Double.parseDouble(f);
                } catch (NumberFormatException n) {
                    throw InvalidInputException.at(file, mf.keyLine(), where + ".most_common.frequencies: expected numbers, got '" + f + "'");
                }
                if (x < 0 || x > 1) throw InvalidInputException.at(file, mf.keyLine(), where + ".most_common.frequencies: "
                        + f + " is not a fraction in [0, 1]");
                weights.add(x);
                sum += x;
            }
            if (values != null && weights.size() != values.size()) throw InvalidInputException.at(file, mf.keyLine(), where + ".most_common: "
                    + values.size() + " values but " + weights.size() + " frequencies");
            if (sum + nullFraction > 1.0001) throw InvalidInputException.at(file, mf.keyLine(), where
                    + ".most_common: frequencies and null_fraction add up to " + fmt(sum + nullFraction) + ", more than 1");
        }
        List<String> histogram = m.entries().containsKey("histogram") ? strings(m.entries().get("histogram"), where + ".histogram") : null;
        Length length = null;
        Entry l = m.entries().get("length");
        if (l != null) {
            if (l.value() instanceof Scalar) {
                long n = optionalLong(m, "length");
                length = new Length((int) n, (int) n, n);
            } else {
                Mapping lm = mapping(l.value(), where + ".length", List.of("min", "max", "mean"));
                int lo = (int) number(lm, "min", 0.0, 0, true, 1e7);
                int hi = (int) number(lm, "max", Math.max(lo, 40), lo, true, 1e7);
                double avg = number(lm, "mean", (lo + hi) / 2.0, lo, true, hi);
                length = new Length(lo, hi, avg);
            }
        }
        Long keys = optionalLong(m, "keys");
        return new ColumnSpec(e.key(), file, e.keyLine(), generator, nullFraction, unique, min, max, mean, stddev, exponent,
                start, step, distinct, ratio, width == null ? null : (int) (long) width, from, to, trend, references, values,
                weights, histogram, length, keys == null ? null : (int) (long) keys);
    }

    // ---- small typed readers, each failing with file:line ----

    private Mapping mapping(YamlNode node, String where, List<String> allowed) {
        if (!(node instanceof Mapping m)) {
            throw InvalidInputException.at(file, node.line(), "expected a mapping for " + where + ", got " + YamlNode.describe(node));
        }
        if (allowed != null) {
            for (Entry e : m.entries().values()) {
                if (!allowed.contains(e.key())) {
                    throw InvalidInputException.at(file, e.keyLine(), "unknown key '" + e.key() + "' in " + where
                            + "; allowed: " + String.join(", ", allowed));
                }
            }
        }
        return m;
    }

    private String scalar(Entry e, String where) {
        if (!(e.value() instanceof Scalar s) || s.text() == null) {
            throw InvalidInputException.at(file, e.keyLine(), "expected a value for " + where + ", got " + YamlNode.describe(e.value()));
        }
        return s.text().trim();
    }

    private List<String> strings(Entry e, String where) {
        if (!(e.value() instanceof Sequence seq)) {
            throw InvalidInputException.at(file, e.keyLine(), "expected a list for " + where + ", got " + YamlNode.describe(e.value()));
        }
        List<String> out = new ArrayList<>();
        for (YamlNode item : seq.items()) {
            if (!(item instanceof Scalar s) || s.text() == null) {
                throw InvalidInputException.at(file, item.line(), "expected a value in " + where + ", got " + YamlNode.describe(item));
            }
            out.add(s.text());
        }
        return out;
    }

    private double number(Mapping m, String key, double absent, double lo, boolean loInclusive, double hi) {
        Entry e = m.entries().get(key);
        if (e == null) return absent;
        String text = scalar(e, key);
        double x;
        try {
            x = Double.parseDouble(text.replace("_", ""));
        } catch (NumberFormatException n) {
            throw InvalidInputException.at(file, e.keyLine(), key + ": expected a number, got '" + text + "'");
        }
        if (Double.isNaN(x) || x < lo || (!loInclusive && x == lo) || x > hi) {
            throw InvalidInputException.at(file, e.keyLine(), key + ": " + text + " is out of range; expected "
                    + (loInclusive ? "at least " : "more than ") + fmt(lo) + (hi < Double.MAX_VALUE ? " and at most " + fmt(hi) : ""));
        }
        return x;
    }

    private Double optional(Mapping m, String key) {
        return m.entries().containsKey(key) ? Double.valueOf(number(m, key, 0.0, -Double.MAX_VALUE, true, Double.MAX_VALUE)) : null;
    }

    private Long optionalLong(Mapping m, String key) {
        Entry e = m.entries().get(key);
        if (e == null) return null;
        String text = scalar(e, key);
        try {
            return RowCount.parse(text.startsWith("-") ? text.substring(1) : text) * (text.startsWith("-") ? -1 : 1);
        } catch (IllegalArgumentException x) {
            throw InvalidInputException.at(file, e.keyLine(), key + ": expected a whole number, got '" + text + "'");
        }
    }

    private String optionalString(Mapping m, String key) {
        Entry e = m.entries().get(key);
        return e == null ? null : scalar(e, key);
    }

    private boolean bool(Mapping m, String key) {
        String v = optionalString(m, key);
        if (v == null) return false;
        if (v.equals("true") || v.equals("false")) return v.equals("true");
        throw InvalidInputException.at(file, m.entries().get(key).keyLine(), key + ": expected true or false, got '" + v + "'");
    }

    private void checkTimestamp(Mapping m, String key, String value, String where) {
        try {
            ProfileGenerators.epochSeconds(value);
        } catch (RuntimeException x) {
            throw InvalidInputException.at(file, m.entries().get(key).keyLine(), where + "." + key
                    + ": expected a date or timestamp such as 2024-01-31 or 2024-01-31 12:00:00, got '" + value + "'");
        }
    }

    private static String fmt(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }
}
