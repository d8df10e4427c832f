package dev.rehearse.seed;

/**
 * What the seed stage needs from an engine.
 *
 * @param literals how the bulk loader spells values with no neutral text form
 * @param defaultSchema the schema an unqualified table name means, or null where names are not schema-qualified
 */
public record SeedEngine(SchemaReader schema, BulkLoader loader, CheckInterpreter checks, Literals literals,
                         String defaultSchema) {

    /** The name qualified with the default schema when it has none. */
    public String qualified(String name) {
        return name.contains(".") || defaultSchema == null ? name : defaultSchema + "." + name;
    }
}
