package dev.rehearse.report;

import dev.rehearse.model.Report;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * {@code report.json}: the model serialised as it is. Keys are the record components in declaration order,
 * enums are their names, and nulls are written as null so "not measured" is never confused with 0 or absent.
 */
public final class JsonReport {

    private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n"); // "\n" on every OS: stable bytes

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .defaultPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withArrayEmptySeparator("").withObjectEmptySeparator(""))
                    .withArrayIndenter(INDENT).withObjectIndenter(INDENT))
            // a report written by a newer version still renders; a null where the model has a primitive is corrupt
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private JsonReport() {}

    public static String render(Report report) {
        return write(report);
    }

    /** Any of the models ({@code Report}, {@code Drift}) as the reports write JSON: two-space indent, "\n" lines. */
    static String write(Object model) {
        try {
            return MAPPER.writeValueAsString(model) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("the report model could not be serialised", e); // a bug, not input
        }
    }

    static <T> T read(String json, Class<T> type) throws IOException {
        return MAPPER.readValue(json, type);
    }

    /** {@code matrix.json}: the matrix model, written as report.json is. */
    public static String render(dev.rehearse.model.Matrix matrix) {
        return write(matrix);
    }

    public static dev.rehearse.model.Matrix readMatrix(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), dev.rehearse.model.Matrix.class);
    }

    /** {@code estimate.json}, written as report.json is. */
    public static String render(dev.rehearse.model.EstimateReport estimate) {
        return write(estimate);
    }

    public static Report read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), Report.class);
    }

    /** @param json the text of a report.json (not a path) */
    public static Report parse(String json) throws IOException {
        return MAPPER.readValue(json, Report.class);
    }
}
