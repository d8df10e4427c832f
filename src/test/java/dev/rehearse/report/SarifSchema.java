package dev.rehearse.report;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Validates report.sarif against OASIS's SARIF 2.1.0 schema ({@code src/test/resources/sarif}, see SOURCE.md there)
 * with networknt's json-schema-validator. Formats ({@code uri}, {@code date-time}) are asserted, as the schema's
 * draft-04 means them ({@code format: uri} is an absolute RFC 3986 URI), not only noted.
 */
public final class SarifSchema {

    static final Path FILE = Path.of("src/test/resources/sarif/sarif-schema-2.1.0.json");
    private static Schema schema;

    private SarifSchema() {}

    /** The schema's errors for this document: empty when it is valid SARIF 2.1.0. */
    public static List<String> errors(String sarif) {
        return schema().validate(sarif, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    public static void validate(String sarif) {
        List<String> errors = errors(sarif);
        if (!errors.isEmpty()) throw new AssertionError("not valid SARIF 2.1.0:\n  " + String.join("\n  ", errors));
    }

    private static synchronized Schema schema() {
        if (schema == null) {
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4, b -> b
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
            try (InputStream in = Files.newInputStream(FILE)) {
                schema = registry.getSchema(in, InputFormat.JSON);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schema;
    }
}
