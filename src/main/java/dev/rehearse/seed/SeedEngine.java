package dev.rehearse.seed;

/**
 * What the seed stage needs from an engine.
 *
 * @param defaultSchema the schema an unqualified table name means, or null where names are not schema-qualified
 */
public record SeedEngine(SchemaReader schema, BulkLoader loader, CheckInterpreter checks, String defaultSchema) {

    /** The name qualified with the default schema when it has none. */
    public String qualified(String name) {
        return name.contains(".") || defaultSchema == null ? name : defaultSchema + "." + name;
    }
}
