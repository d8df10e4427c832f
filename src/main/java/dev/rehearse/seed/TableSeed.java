package dev.rehearse.seed;

/**
 * One seeded table.
 *
 * @param table the schema-qualified name
 * @param rows rows loaded
 * @param seconds wall time of the bulk load and the statistics refresh after it
 */
public record TableSeed(String table, long rows, double seconds) {}
