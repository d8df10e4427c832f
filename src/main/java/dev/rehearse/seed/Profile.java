package dev.rehearse.seed;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A data profile ({@code seed-data/*.yaml}): rows per table and a generator per named column. Every
 * part remembers its file and line, because most mistakes (a table the schema lacks, a unique column
 * with too few values) only show once the schema is known, and the message must still point at the line.
 *
 * @param file where it was read from, null for an empty profile
 * @param scale multiplies every table's rows
 */
public record Profile(Path file, double scale, Map<String, TableSpec> tables) {

    public static final Profile EMPTY = new Profile(null, 1.0, Map.of());

    public Profile {
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    /** @param rows before {@code scale}; null when the profile names the table only for its columns */
    public record TableSpec(String name, int line, Long rows, Map<String, ColumnSpec> columns) {
        public TableSpec {
            columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        }
    }

    /** A length distribution of text: lengths in [min, max] averaging {@code mean}. */
    public record Length(int min, int max, double mean) {}

    /**
     * One column's generator and its parameters; which parameters apply depends on {@code generator}
     * (the loader has already rejected the others). Numbers stay as the user wrote them where the
     * column's type decides their meaning (histogram bounds, most-common values).
     */
    public record ColumnSpec(String column, Path file, int line, String generator, double nullFraction, boolean unique,
                             Double min, Double max, Double mean, Double stddev, Double exponent, Long start, Long step,
                             Long distinct, Double distinctRatio, Integer avgWidth, String from, String to, String trend,
                             String references, List<String> values, List<Double> weights, List<String> histogram,
                             Length length, Integer keys) {

        public ColumnSpec {
            values = values == null ? null : List.copyOf(values);
            weights = weights == null ? null : List.copyOf(weights);
            histogram = histogram == null ? null : List.copyOf(histogram);
        }

        /** {@code file:line: column c: message}, for errors found once the schema is known. */
        public dev.rehearse.InvalidInputException error(String message) {
            return dev.rehearse.InvalidInputException.at(file, line, "column " + column + ": " + message);
        }
    }

    /** Rows per table after {@code scale}, for the tables that give a count, in file order. */
    public Map<String, Long> rows() {
        Map<String, Long> out = new LinkedHashMap<>();
        tables.forEach((name, t) -> {
            if (t.rows() != null) out.put(name, Math.max(t.rows() == 0 ? 0 : 1, Math.round(t.rows() * scale)));
        });
        return out;
    }
}
