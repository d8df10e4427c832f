package dev.rehearse.seed;

import java.util.ArrayList;
import java.util.List;

/**
 * Foreign keys a profile declares with {@code references:} where the schema has none (a schema without
 * FKs, or a key a migration adds): the planner then orders and fills them like declared ones. They only
 * shape the data; nothing is created in the database.
 */
final class ProfileForeignKeys {

    private ProfileForeignKeys() {}

    static List<TableModel> apply(List<TableModel> models, Profile profile, java.util.function.UnaryOperator<String> qualified) {
        List<TableModel> out = new ArrayList<>(models);
        for (Profile.TableSpec ts : profile.tables().values()) {
            for (Profile.ColumnSpec spec : ts.columns().values()) {
                if (!spec.generator().equals("foreign_key") || spec.references() == null) continue;
                int ti = indexOf(out, qualified.apply(ts.name()));
                if (ti < 0) continue; // the planner reports the unknown table
                TableModel t = out.get(ti);
                if (t.foreignKeys().stream().anyMatch(fk -> fk.columns().contains(spec.column()))) {
                    continue; // declared: the schema's key wins, references only documents it
                }
                String ref = spec.references();
                String[] parts = ref.split("\\.");
                TableModel parent = null;
                String column = null;
                if (parts.length >= 2) { // table.column or schema.table.column
                    parent = find(out, qualified.apply(ref.substring(0, ref.lastIndexOf('.'))));
                    column = parts[parts.length - 1];
                }
                if (parent == null) {
                    parent = find(out, qualified.apply(ref));
                    column = null;
                }
                if (parent == null) {
                    throw spec.error("references " + ref + ", which is not a table in the schema");
                }
                if (column == null) {
                    column = parent.uniqueKeys().stream().filter(k -> k.primary() && k.columns().size() == 1)
                            .map(k -> k.columns().get(0)).findFirst().orElse(null);
                    if (column == null) throw spec.error("references " + ref + ", which has no single-column primary key; name the column");
                }
                String col = column;
                if (parent.column(col).isEmpty()) throw spec.error("references " + ref + ": " + parent + " has no column " + col);
                List<TableModel.ForeignKey> fks = new ArrayList<>(t.foreignKeys());
                fks.add(new TableModel.ForeignKey("profile_" + t.name() + "_" + spec.column(), List.of(spec.column()),
                        parent.schema(), parent.name(), List.of(col), false,
                        "from the profile: (" + spec.column() + ") -> " + parent.name() + " (" + col + ")"));
                out.set(ti, new TableModel(t.schema(), t.name(), t.columns(), t.uniqueKeys(), fks, t.checks()));
            }
        }
        return out;
    }

    private static int indexOf(List<TableModel> models, String name) {
        TableModel t = find(models, name);
        return t == null ? -1 : models.indexOf(t);
    }

    private static TableModel find(List<TableModel> models, String name) {
        for (TableModel m : models) if (m.qualifiedName().equalsIgnoreCase(name)) return m;
        return null;
    }
}
