package dev.rehearse.seed;

import java.util.List;

/**
 * One column of a {@link TableModel}.
 *
 * @param defaultExpr the default expression, null when none
 * @param sequence the sequence that feeds an identity or serial column (engine's qualified spelling), else null
 * @param identity an identity or serial column: gets explicit 1..N and its sequence is moved past them
 * @param generated a generated (computed) column: never loaded
 * @param domainChecks CHECKs of the column's domain(s), written against {@code VALUE}
 */
public record ColumnModel(String name, ColumnType type, boolean notNull, String defaultExpr, String sequence,
                          boolean identity, boolean generated, List<TableModel.Check> domainChecks) {

    public ColumnModel {
        domainChecks = domainChecks == null ? List.of() : List.copyOf(domainChecks);
    }

    /** A plain column, for tests and simple readers. */
    public static ColumnModel of(String name, ColumnType type, boolean notNull) {
        return new ColumnModel(name, type, notNull, null, null, false, false, List.of());
    }

    public boolean hasDefault() {
        return defaultExpr != null;
    }
}
