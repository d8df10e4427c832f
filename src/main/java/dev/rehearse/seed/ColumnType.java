package dev.rehearse.seed;

import java.util.List;

/**
 * A column's type as the generators see it: domains already resolved to their base type.
 *
 * @param kind what family of values to generate
 * @param name the engine's spelling, for messages (e.g. {@code character varying(20)})
 * @param length max characters of varchar/char, -1 when unlimited
 * @param precision total digits of numeric, -1 when unconstrained
 * @param scale digits after the point of numeric
 * @param labels the labels of an enum, in order
 * @param element the element type of an array, else null
 */
public record ColumnType(Kind kind, String name, int length, int precision, int scale, List<String> labels,
                         ColumnType element) {

    public enum Kind {
        SMALLINT, INTEGER, BIGINT, NUMERIC, REAL, DOUBLE, TEXT, VARCHAR, CHAR, BOOLEAN, DATE, TIMESTAMP,
        TIMESTAMPTZ, TIME, UUID, JSON, JSONB, BYTEA, ENUM, INTERVAL, INET, ARRAY,
        /** A type no generator knows: NULL or the column default, or an error when neither is allowed. */
        UNSUPPORTED
    }

    public ColumnType {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    public static ColumnType of(Kind kind, String name) {
        return new ColumnType(kind, name, -1, -1, 0, List.of(), null);
    }

    public static ColumnType sized(Kind kind, String name, int length) {
        return new ColumnType(kind, name, length, -1, 0, List.of(), null);
    }

    public static ColumnType numeric(String name, int precision, int scale) {
        return new ColumnType(Kind.NUMERIC, name, -1, precision, scale, List.of(), null);
    }

    public static ColumnType enumOf(String name, List<String> labels) {
        return new ColumnType(Kind.ENUM, name, -1, -1, 0, labels, null);
    }

    public static ColumnType arrayOf(ColumnType element) {
        return new ColumnType(Kind.ARRAY, element.name() + "[]", -1, -1, 0, List.of(), element);
    }

    public boolean isInteger() {
        return kind == Kind.SMALLINT || kind == Kind.INTEGER || kind == Kind.BIGINT;
    }

    @Override
    public String toString() {
        return name;
    }
}
