package dev.rehearse.seed;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongToIntFunction;
import java.util.function.LongUnaryOperator;

/**
 * A generator that also writes its values straight into bytes, so that a loader's hot loop makes no
 * String per value (formatting and copying strings was most of what generation cost). {@link #value}
 * and {@link #write} give the same value: each is built from one function of the row.
 */
public interface ByteGenerator extends ColumnGenerator {

    /** Appends row {@code row}'s value as UTF-8, unescaped, to {@code out}; false, with nothing appended, for SQL NULL. */
    boolean write(long row, Bytes out);

    /** True when no value holds a backslash, tab, newline or carriage return, so a loader need not escape it. */
    boolean plain();

    /** Whole numbers, {@code f(row)} in decimal. */
    static ByteGenerator ofLong(LongUnaryOperator f) {
        return new ByteGenerator() {
            public String value(long row) {
                return Long.toString(f.applyAsLong(row));
            }

            public boolean write(long row, Bytes out) {
                out.putLong(f.applyAsLong(row));
                return true;
            }

            public boolean plain() {
                return true;
            }
        };
    }

    /** One of {@code values} (null entries are SQL NULL), the {@code index(row)}-th; each encoded once. */
    static ByteGenerator ofList(List<String> values, LongToIntFunction index) {
        List<String> list = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
        byte[][] encoded = new byte[list.size()][];
        boolean plain = true;
        for (int i = 0; i < encoded.length; i++) {
            String v = list.get(i);
            if (v == null) continue;
            encoded[i] = v.getBytes(StandardCharsets.UTF_8);
            plain &= plain(v);
        }
        boolean allPlain = plain;
        return new ByteGenerator() {
            public String value(long row) {
                return list.get(index.applyAsInt(row));
            }

            public boolean write(long row, Bytes out) {
                byte[] v = encoded[index.applyAsInt(row)];
                if (v == null) return false;
                out.put(v);
                return true;
            }

            public boolean plain() {
                return allPlain;
            }
        };
    }

    /** Text written by {@code writer} (which must append only plain ASCII when {@code plain}); the String path renders it. */
    static ByteGenerator ofWriter(boolean plain, Writer writer) {
        return new ByteGenerator() {
            public String value(long row) {
                Bytes b = new Bytes(64);
                return writer.write(row, b) ? b.toString() : null;
            }

            public boolean write(long row, Bytes out) {
                int at = out.length();
                if (writer.write(row, out)) return true;
                out.truncate(at);
                return false;
            }

            public boolean plain() {
                return plain;
            }
        };
    }

    /** Appends a row's value; false for SQL NULL. */
    @FunctionalInterface
    interface Writer {
        boolean write(long row, Bytes out);
    }

    /** {@code g}'s value of another row ({@code map(row)}), keeping its byte path: foreign keys drawn from a parent's keys. */
    static ColumnGenerator remap(ColumnGenerator g, LongUnaryOperator map) {
        if (!(g instanceof ByteGenerator b)) return row -> g.value(map.applyAsLong(row));
        return new ByteGenerator() {
            public String value(long row) {
                return b.value(map.applyAsLong(row));
            }

            public boolean write(long row, Bytes out) {
                return b.write(map.applyAsLong(row), out);
            }

            public boolean plain() {
                return b.plain();
            }
        };
    }

    /** No character that COPY text or LOAD DATA must escape. */
    static boolean plain(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') return false;
        }
        return true;
    }
}
