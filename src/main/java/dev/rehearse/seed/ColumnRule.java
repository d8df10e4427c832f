package dev.rehearse.seed;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the CHECK constraints understood so far demand of one column's values. Bounds stay as the
 * literal text because only the column's generator knows whether they are numbers, dates or times.
 *
 * @param lower lower bounds; all apply
 * @param upper upper bounds; all apply
 * @param allowed the only values allowed ({@code IN}, {@code =}), null when any
 * @param excluded values never allowed ({@code <>}, {@code NOT IN})
 * @param minLength minimum characters, 0 when none
 * @param maxLength maximum characters, -1 when none
 * @param notNull {@code IS NOT NULL}
 */
public record ColumnRule(List<Bound> lower, List<Bound> upper, List<String> allowed, Set<String> excluded,
                         int minLength, int maxLength, boolean notNull) {

    public record Bound(String value, boolean inclusive) {}

    public static final ColumnRule NONE = new ColumnRule(List.of(), List.of(), null, Set.of(), 0, -1, false);

    public ColumnRule {
        lower = List.copyOf(lower);
        upper = List.copyOf(upper);
        allowed = allowed == null ? null : List.copyOf(allowed);
        excluded = Set.copyOf(excluded);
    }

    /** Both rules at once (conjunction). */
    public ColumnRule and(ColumnRule o) {
        List<Bound> lo = new ArrayList<>(lower);
        lo.addAll(o.lower);
        List<Bound> hi = new ArrayList<>(upper);
        hi.addAll(o.upper);
        List<String> in = allowed;
        if (o.allowed != null) in = in == null ? o.allowed : in.stream().filter(o.allowed::contains).toList();
        Set<String> out = new LinkedHashSet<>(excluded);
        out.addAll(o.excluded);
        int max = maxLength < 0 ? o.maxLength : o.maxLength < 0 ? maxLength : Math.min(maxLength, o.maxLength);
        return new ColumnRule(lo, hi, in, out, Math.max(minLength, o.minLength), max, notNull || o.notNull);
    }

    public static ColumnRule lower(String v, boolean inclusive) {
        return new ColumnRule(List.of(new Bound(v, inclusive)), List.of(), null, Set.of(), 0, -1, false);
    }

    public static ColumnRule upper(String v, boolean inclusive) {
        return new ColumnRule(List.of(), List.of(new Bound(v, inclusive)), null, Set.of(), 0, -1, false);
    }

    public static ColumnRule allowed(List<String> values) {
        return new ColumnRule(List.of(), List.of(), values, Set.of(), 0, -1, false);
    }

    public static ColumnRule excluded(List<String> values) {
        return new ColumnRule(List.of(), List.of(), null, new LinkedHashSet<>(values), 0, -1, false);
    }

    /** What {@code column op value} demands ({@code =, <>, !=, <, <=, >, >=}); null for another operator. */
    public static ColumnRule comparing(String op, String value) {
        return switch (op) {
            case "=" -> allowed(List.of(value));
            case "<>", "!=" -> excluded(List.of(value));
            case ">" -> lower(value, false);
            case ">=" -> lower(value, true);
            case "<" -> upper(value, false);
            case "<=" -> upper(value, true);
            default -> null;
        };
    }

    /** What {@code length(column) op n} demands; null for an operator that bounds nothing. */
    public static ColumnRule lengthComparing(String op, int n) {
        return switch (op) {
            case "=" -> length(n, n);
            case ">" -> length(n + 1, -1);
            case ">=" -> length(n, -1);
            case "<" -> length(0, n - 1);
            case "<=" -> length(0, n);
            default -> null;
        };
    }

    /** The operator with its operands swapped: {@code 5 < x} is {@code x > 5}. */
    public static String flipped(String op) {
        return switch (op) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> op;
        };
    }

    public static ColumnRule length(int min, int max) {
        return new ColumnRule(List.of(), List.of(), null, Set.of(), min, max, false);
    }

    public static final ColumnRule NOT_NULL = new ColumnRule(List.of(), List.of(), null, Set.of(), 0, -1, true);
}
