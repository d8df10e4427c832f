package dev.rehearse.seed;

import java.util.List;
import java.util.Optional;

/** An engine-neutral description of one table: what the seed planner must respect to load valid rows. */
public record TableModel(String schema, String name, List<ColumnModel> columns, List<UniqueKey> uniqueKeys,
                         List<ForeignKey> foreignKeys, List<Check> checks) {

    /** A primary key, unique constraint or unique index (its name is the constraint's or the index's). */
    public record UniqueKey(String name, List<String> columns, boolean primary) {
        public UniqueKey {
            columns = List.copyOf(columns);
        }
    }

    /**
     * @param validated false for a NOT VALID key: old rows unchecked, but new rows still must satisfy it
     * @param definition the engine's text of the constraint, for messages
     */
    public record ForeignKey(String name, List<String> columns, String refSchema, String refTable,
                             List<String> refColumns, boolean validated, String definition) {
        public ForeignKey {
            columns = List.copyOf(columns);
            refColumns = List.copyOf(refColumns);
        }

        public String refQualifiedName() {
            return refSchema + "." + refTable;
        }
    }

    /** @param definition as the engine prints it, e.g. {@code CHECK ((qty > 0))} */
    public record Check(String name, String definition) {}

    public TableModel {
        columns = List.copyOf(columns);
        uniqueKeys = List.copyOf(uniqueKeys);
        foreignKeys = List.copyOf(foreignKeys);
        checks = List.copyOf(checks);
    }

    public String qualifiedName() {
        return schema + "." + name;
    }

    public Optional<ColumnModel> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
