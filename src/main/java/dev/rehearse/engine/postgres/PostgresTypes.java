package dev.rehearse.engine.postgres;

import dev.rehearse.dialect.Rule.Words;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Column types as ALTER COLUMN TYPE needs them: read from a statement's words, spelled canonically, and whether
 * changing one to another rewrites the table (PostgreSQL rewrites unless the change is binary-coercible and needs no
 * check of existing values).
 */
final class PostgresTypes {

    private PostgresTypes() {}

    /** @param args the modifiers, e.g. {@code [10, 2]} of numeric(10,2); empty when none */
    record Type(String name, List<Integer> args) {
        @Override
        public String toString() {
            return args.isEmpty() ? name : name + args.toString().replace('[', '(').replace(']', ')').replace(" ", "");
        }

        static Type parse(String text) {
            int p = text.indexOf('(');
            List<Integer> args = new ArrayList<>();
            if (p > 0) for (String a : text.substring(p + 1, text.indexOf(')')).split(",")) args.add(Integer.parseInt(a));
            return new Type(p > 0 ? text.substring(0, p) : text, args);
        }
    }

    /** A type and the index after it. */
    record Read(Type type, int next) {}

    private static final Set<String> ENDS = Set.of("NOT", "NULL", "DEFAULT", "PRIMARY", "UNIQUE", "CHECK", "REFERENCES",
            "CONSTRAINT", "GENERATED", "COLLATE", "USING", ",", ")", ";");

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("INT", "integer"), Map.entry("INTEGER", "integer"), Map.entry("INT4", "integer"),
            Map.entry("SERIAL", "integer"), Map.entry("SERIAL4", "integer"),
            Map.entry("BIGINT", "bigint"), Map.entry("INT8", "bigint"), Map.entry("BIGSERIAL", "bigint"),
            Map.entry("SERIAL8", "bigint"), Map.entry("SMALLINT", "smallint"), Map.entry("INT2", "smallint"),
            Map.entry("SMALLSERIAL", "smallint"), Map.entry("VARCHAR", "varchar"), Map.entry("CHARACTER VARYING", "varchar"),
            Map.entry("CHAR", "char"), Map.entry("CHARACTER", "char"), Map.entry("BPCHAR", "char"), Map.entry("TEXT", "text"),
            Map.entry("NUMERIC", "numeric"), Map.entry("DECIMAL", "numeric"), Map.entry("TIMESTAMP", "timestamp"),
            Map.entry("TIMESTAMP WITHOUT TIME ZONE", "timestamp"), Map.entry("TIMESTAMPTZ", "timestamptz"),
            Map.entry("TIMESTAMP WITH TIME ZONE", "timestamptz"), Map.entry("TIME", "time"),
            Map.entry("TIME WITHOUT TIME ZONE", "time"), Map.entry("TIMETZ", "timetz"), Map.entry("TIME WITH TIME ZONE", "timetz"),
            Map.entry("INTERVAL", "interval"), Map.entry("BOOL", "boolean"), Map.entry("BOOLEAN", "boolean"),
            Map.entry("DOUBLE PRECISION", "float8"), Map.entry("FLOAT8", "float8"), Map.entry("REAL", "float4"),
            Map.entry("FLOAT4", "float4"));

    /** The type written from {@code from}: words up to the column's first constraint keyword. */
    static Read read(Words w, int from) {
        List<String> name = new ArrayList<>();
        List<Integer> args = new ArrayList<>();
        boolean array = false;
        int i = from;
        while (i < w.words().size() && !ENDS.contains(w.at(i))) {
            String x = w.at(i);
            if (x.equals("(")) {
                int close = i + 1;
                while (close < w.words().size() && !w.at(close).equals(")")) {
                    if (w.at(close).matches("\\d+")) args.add(Integer.parseInt(w.at(close)));
                    close++;
                }
                i = close + 1;
                continue;
            }
            if (x.equals("[")) {
                array = true;
                while (i < w.words().size() && !w.at(i).equals("]")) i++;
                i++;
                continue;
            }
            name.add(x.toUpperCase(java.util.Locale.ROOT));
            i++;
        }
        String written = String.join(" ", name);
        String canonical = ALIASES.getOrDefault(written, written.toLowerCase(java.util.Locale.ROOT));
        return new Read(new Type(canonical + (array ? "[]" : ""), List.copyOf(args)), i);
    }

    private static final Set<String> PRECISION_TYPES = Set.of("timestamp", "timestamptz", "time", "timetz", "interval");

    /**
     * Whether changing a column from {@code from} to {@code to} rewrites the table (and its indexes).
     *
     * @param utc the session's time zone is UTC (timestamp and timestamptz then have the same storage, from 12)
     */
    static boolean rewrites(Type from, Type to, int major, boolean utc) {
        if (from.equals(to)) return false;
        String a = from.name(), b = to.name();
        if (a.equals("varchar") || a.equals("text")) {
            if (b.equals("text")) return false;
            if (b.equals("varchar")) {
                if (to.args().isEmpty()) return false;                                 // the limit is dropped
                return a.equals("text") || from.args().isEmpty() || to.args().get(0) < from.args().get(0); // a check
            }
            return true;
        }
        if (a.equals("numeric") && b.equals("numeric")) {
            if (to.args().isEmpty()) return false;
            if (from.args().isEmpty()) return true;
            int scaleFrom = from.args().size() > 1 ? from.args().get(1) : 0, scaleTo = to.args().size() > 1 ? to.args().get(1) : 0;
            return scaleFrom != scaleTo || to.args().get(0) < from.args().get(0);
        }
        if (PRECISION_TYPES.contains(a) && a.equals(b)) {
            int p = from.args().isEmpty() ? 6 : from.args().get(0), q = to.args().isEmpty() ? 6 : to.args().get(0);
            return q < p;
        }
        if (Set.of(a, b).equals(Set.of("timestamp", "timestamptz"))) return !(major >= 12 && utc);
        return !(a.equals("cidr") && b.equals("inet"));
    }
}
